Feature: Regional survey
  As a regional contact of a demonstrator region
  I want to fill in the survey workbook for my region and send it back
  So that the observatory's experts see where our firms' needs are least met

  As an observatory expert
  I want the survey to close by its rule and its report to appear
  So that benchmarking, the peer review and the briefing can build on the bottlenecks

  Background:
    Given the demonstrator region "SI03" with the default survey instrument

  Scenario: A contact downloads the template, fills it in, submits it and sees a receipt
    Given the contact downloads the survey workbook for the region
    When the contact fills in 2 responses and submits the workbook
    Then the upload is accepted with 2 responses
    And the receipt names the region and the respondents

  Scenario: A contact submits a broken file and sees every error at once
    Given a CSV file with a rating of 7, an unknown organisation type and a missing size
    When the contact submits the CSV file
    Then the upload is rejected
    And the contact sees 3 problems in Slovenian with their rows and questions

  Scenario Outline: A hostile file gets a clear error and nothing else
    Given a <kind> file
    When the contact submits it as "<filename>"
    Then the upload is rejected
    And the first problem says "<reason>"

    Examples:
      | kind                    | filename    | reason                                  |
      | password-protected      | odgovori.xlsx | zaščiten z geslom                     |
      | truncated workbook      | odgovori.xlsx | poškodovan                            |
      | other region's workbook | odgovori.xlsx | ta datoteka je za regijo DED2         |

  Scenario: The survey waits until it has enough responses
    Given 8 accepted responses on 1 December 2026
    When the engine asks whether the survey report can be written
    Then it waits with "8 of 20 responses (at least 12 needed), closes 15 December 2026"

  Scenario: The survey closes and the report appears
    Given the demo responses of the region, accepted before the deadline
    When the deadline of 15 December 2026 has come
    Then the survey report ranks the framework conditions by their gap
    And the report names the survey, its responses and fieldwork as its source
