Feature: Assessment report
  As an observatory expert
  I want the region's policy priorities set against its measured weaknesses
  So that the assessment report opens the discussion where the policy misses the point

  Background:
    Given the region "Vzhodna Slovenija" with its challenge

  Scenario: The report waits for the policy self-assessment
    When the assessment report is prepared
    Then it waits for "policy self-assessment not yet submitted"

  Scenario: A weakness without priority is flagged
    Given the region's policy makers submitted their stress test
    When the assessment report is prepared
    Then the report flags "Market conditions: the region's weakest condition (EU percentile 20, below the 40th)"

  Scenario: Strength and weakness are positions among EU regions
    Given the region's policy makers submitted their stress test
    When the assessment report is prepared
    Then the report flags "Industrial conditions: priority high, although they are a strength of the region (EU percentile 91, above the 60th)"
