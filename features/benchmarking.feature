Feature: Benchmarking a demonstrator region against European regions
  As an observatory expert
  I want each demonstrator region scored with the published Regional Innovation Scoreboard method
  So that the region sees where it stands, against whom, and why, before the peer review

  Background:
    Given the reference data of European NUTS-2 regions and the indicator catalogue

  Scenario: The expert benchmarks a region against automatically chosen peers
    Given the region "HU33" has no peer regions chosen by the expert
    When the expert benchmarks the region
    Then the report gives a composite score and a performance group
    And the report lists 5 peer regions, not including "HU33"
    And the report says the peers were chosen automatically by structural similarity

  Scenario: The expert chooses the peer regions
    Given the region "SI03" has the peer regions "AT22, HR04, SK02"
    When the expert benchmarks the region
    Then the report lists exactly the peer regions "AT22, HR04, SK02"
    And the report says the peers were chosen by the expert

  Scenario: A peer region the data does not hold is refused
    Given the region "PL21" has the peer regions "PL22, XX99"
    When the expert tries to benchmark the region
    Then the expert is told that "XX99" is not in the reference data

  Scenario Outline: Performance groups follow the published thresholds
    When a region scores <relative> relative to the EU average
    Then it is classified as "<group>"

    Examples:
      | relative | group    |
      | 130      | Leader   |
      | 125      | Strong   |
      | 125.1    | Leader   |
      | 100      | Strong   |
      | 99.9     | Moderate |
      | 70       | Moderate |
      | 69.9     | Emerging |

  Scenario: A survey bottleneck is shown next to the matching indicators
    Given the region "ES61" has no peer regions chosen by the expert
    And the regional survey found the bottleneck "financial" described as "Acceso a financiación & <capital riesgo>"
    When the expert benchmarks the region
    Then the finance indicators carry the note "Survey bottleneck: Acceso a financiación & <capital riesgo>"
