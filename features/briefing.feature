Feature: Final policy briefing
  As an observatory expert
  I want to edit the generated recommendations before I approve the briefing
  So that the region receives advice I stand behind, each piece tied to its evidence

  Background:
    Given the assessment, survey, benchmarking and peer review of "Vzhodna Slovenija" are finished

  Scenario: Every recommendation shows the evidence behind it
    When the briefing is generated
    Then every recommendation names at least one figure and the stage it came from
    And every figure has a source in the annex

  Scenario: An expert edits a recommendation and the approved version is delivered
    Given the briefing is generated
    When the expert rewrites the first recommendation as "Fund joint projects of wood & automotive clusters <pilot>"
    And the expert approves the briefing
    Then the delivered document contains "Fund joint projects of wood & automotive clusters <pilot>"
    And the delivered document no longer contains the generated text
    And the generated text is kept for the record

  Scenario: A recommendation aimed at individual firms is flagged
    Given the briefing is generated
    When the expert rewrites the first recommendation as "Give grants to individual firms"
    And the expert approves the briefing
    Then the Do's and Don'ts table shows principle 1 at risk
