Feature: The region's own challenge comes first
  As an observatory expert
  I want the briefing to answer the challenge the region brought to the programme, with the evidence behind it
  So that the region's government reads advice about its own problem, not a template with its name filled in

  Scenario: Dresden's challenge becomes its first recommendation
    Given the assessment, survey, benchmarking and peer review of "Dresden" are finished
    When the briefing is generated
    Then the first recommendation answers the challenge "Opening the microelectronics cluster ("Silicon Saxony") to SMEs from other sectors"
    And it quotes the survey's most frequent wish "Offene Projektformate für KMU aus anderen Branchen", written by 6 of 14 respondents
    And it recommends an instrument of the toolkit that brings firms of different sectors together
    And it cites findings of at least two stages, each with its value and year
    And its plan names "Silicon Saxony e.V." among those who act

  Scenario: The expert rewrites it in German and the check against the Do's and Don'ts stands
    Given the assessment, survey, benchmarking and peer review of "Dresden" are finished
    When the expert rewrites the first recommendation as "Gemeinsame Projekte von Chip- und Maschinenbau-KMU fördern"
    Then the first recommendation still supports principle 5, a systemic, cross-sectoral approach
    And no principle is at risk in it
