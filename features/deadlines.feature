Feature: Time moves the work and people are told
  As a coordinator
  I want deadlines to close what they close, and reminders and notices to go out by themselves
  So that engagements keep moving between the days someone types a command

  As a regional contact or a peer reviewer
  I want a reminder before my deadline, in my language, unless I have already answered
  So that I am neither forgotten nor pestered

  Background:
    Given the programme's demonstrator regions with an empty project database and a mail server

  Scenario: A survey whose deadline passes is closed by the daily pass, and the expert is asked to approve it
    Given "SK04" has reached the regional survey and its contact has sent 14 responses
    When the daily pass runs on 16 December 2026
    Then the "survey" stage of "SK04" is "ready_for_approval"
    And an observatory expert receives the notice that the "survey" stage of "SK04" awaits approval

  Scenario: Reminders go out before the survey deadline, once, to the contacts who have not answered
    Given "SK04" has reached the regional survey
    And "SK04" has the further contacts "answered@firma.sk" and "silent@firma.sk"
    And "answered@firma.sk" has sent the survey responses of "SK04"
    When the daily pass runs on 12 December 2026
    And the daily pass runs again on 12 December 2026
    Then "silent@firma.sk" and "jan.kovac@example.org" each receive one reminder in Slovak
    And "answered@firma.sk" receives no reminder

  Scenario: An overdue review brings a reminder to the reviewers, then a notice to the coordinator
    Given "ES61" has reached the peer review
    When the daily pass runs the day before the reviews are due
    Then every assigned reviewer of "ES61" receives a reminder and the meeting's calendar invitation
    When the daily pass runs the day after the reviews were due
    Then the coordinator receives one notice that the "peer_review" stage of "ES61" is overdue

  Scenario: A late survey file makes the later stages outdated, and their new versions wait for approval
    Given the people of "HU33" have sent their inputs and the expert has approved every stage
    When a late survey file with one more response arrives for "HU33" and the expert advances "HU33"
    Then the "survey" stage of "HU33" is "ready_for_approval"
    And the "benchmarking", "peer_review" and "briefing" stages of "HU33" are "outdated"
    And the coordinator is told that later stages of "HU33" will be redone
    When the expert approves each stage of "HU33" that waits for approval
    Then every stage of "HU33" is "completed"
    And the "survey_report" and "policy_briefing" of "HU33" have a second version, each approved
