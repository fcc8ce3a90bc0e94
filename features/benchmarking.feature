Feature: Benchmarking a demonstrator region against the regions of the Regional Innovation Scoreboard
  As an observatory expert
  I want each demonstrator region scored with the published Regional Innovation Scoreboard method
  So that the region sees where it stands, against whom, and why, before the peer review

  Background:
    Given the reference data of the scoreboard's regions and the indicator catalogue

  Scenario: The expert benchmarks a region against automatically chosen peers
    Given the region "HU33" has no peer regions chosen by the expert
    When the expert benchmarks the region
    Then the report gives the score relative to the EU, a group with its subgroup and the trend
    And the report lists 5 named peer regions of the scoreboard, not including "HU33"
    And no more than 2 of the peers come from one country
    And the report says the peers were chosen automatically by structural similarity

  Scenario: The expert chooses the peer regions
    Given the region "SI03" has the peer regions "AT2, HR04, SK02"
    When the expert benchmarks the region
    Then the report lists exactly the peer regions "AT2, HR04, SK02"
    And the report says the peers were chosen by the expert

  Scenario: A peer region the data does not hold is refused
    Given the region "PL21" has the peer regions "PL22, XX99"
    When the expert tries to benchmark the region
    Then the expert is told that "XX99" is not in the reference data

  Scenario: A peer inside a region the scoreboard scores at NUTS 1 is refused with the code to use
    Given the region "SI03" has the peer regions "AT22"
    When the expert tries to benchmark the region
    Then the expert is told that "AT22" is not in the reference data
    And the expert is told to write "AT2"

  Scenario: A peer named by its NUTS 2021 code is refused with the code of the scoreboard's data
    Given the region "SI03" has the peer regions "HR02"
    When the expert tries to benchmark the region
    Then the expert is told that "HR02" is not in the reference data
    And the expert is told to write "HR04"

  Scenario: A region the scoreboard does not cover cannot be benchmarked
    Given a demonstrator region "TR51" in Turkey
    When the expert tries to benchmark the region
    Then the expert is told that "TR51" is not in the reference data

  Scenario: A region is missing figures
    Given the demonstrator region "FRE1" in France, whose R&D figures are missing
    When the expert benchmarks the region
    Then it is benchmarked as part of "FRE"
    And the missing figures are shown as "n/a" with the reason, and the charts leave them out

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

  Scenario Outline: Subgroups split each group into three equal bands
    When a region of the scoreboard scores <relative> relative to the EU average
    Then its group with subgroup is "<label>"

    Examples:
      | relative | label      |
      | 120      | Strong +   |
      | 110      | Strong     |
      | 105      | Strong -   |
      | 95       | Moderate + |
      | 85       | Moderate   |
      | 75       | Moderate - |

  Scenario: A survey bottleneck is shown next to the matching indicators
    Given the region "ES61" has no peer regions chosen by the expert
    And the regional survey found the bottleneck "financial" described as "Acceso a financiación & <capital riesgo>"
    When the expert benchmarks the region
    Then the finance indicators carry the note "Survey bottleneck: Acceso a financiación & <capital riesgo>"
