Feature: An engagement takes a demonstrator region through the five stages
  As an observatory expert
  I want each region's engagement to advance by itself whenever its inputs are complete
  So that I act only where people are needed, and every stage ends in a document I approve

  As a coordinator
  I want to see, for every region and stage, its status and what a waiting stage lacks
  So that I can chase the right people before deadlines pass

  Background:
    Given the programme's demonstrator regions with an empty project database

  Scenario: A new engagement waits for the region's policy self-assessment
    When the expert advances "es61"
    Then the "assessment" stage of "ES61" is "awaiting_input"
    And the coordinator sees "policy self-assessment not yet submitted" for the "assessment" stage of "ES61"

  Scenario: Complete inputs produce a document that waits for the expert's approval
    Given "SI03" has sent its policy self-assessment and the expert's findings
    When the expert advances "SI03"
    Then the "assessment" stage of "SI03" is "ready_for_approval"
    And version 1 of the "assessment_report" of "SI03" names "Vzhodna Slovenija" and cites "Eurostat"

  Scenario: Approving a stage starts the next one, which waits for the survey responses
    Given "SI03" has sent its policy self-assessment and the expert's findings
    And the expert has advanced "SI03"
    When the expert approves the "assessment" stage of "SI03"
    Then the "assessment" stage of "SI03" is "completed"
    And the coordinator sees "0 of 20 responses" for the "survey" stage of "SI03"

  Scenario: A region goes through all five stages with its people's inputs
    When the people of "HU33" send their inputs and the expert approves every stage
    Then every stage of "HU33" is "completed"
    And "HU33" has the documents assessment_report, survey_report, benchmarking_report, peer_review_pack, peer_review_report, policy_briefing

  @slow
  Scenario: Advancing again with unchanged inputs writes nothing new
    Given the people of "HU33" have sent their inputs and the expert has approved every stage
    When the expert advances "HU33"
    Then no new document is written for "HU33"

  @slow
  Scenario: A corrected self-assessment makes new versions of only the documents that use it
    Given the people of "HU33" have sent their inputs and the expert has approved every stage
    When "HU33" sends a corrected policy self-assessment and the expert advances "HU33"
    Then the "assessment_report" of "HU33" is at version 2
    And the "survey_report" of "HU33" is still at version 1
    And the "benchmarking_report" of "HU33" is still at version 1
