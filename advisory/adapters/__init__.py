"""What talks to the outside: the project database, Word documents, reference datasets, outsiders' files."""
