"""The web portal: server-rendered pages for regional contacts, reviewers, coordinators and experts."""
