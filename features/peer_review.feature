Feature: Peer review of a demonstrator region
  As an observatory expert
  I want conflict-free peer reviewers assigned with reasons, and their reviews aggregated
  So that each host region gets an objective, well-founded peer review report

  Background:
    Given the six demonstrator regions and the observatory's reviewer pool

  Scenario: An expert assigns reviewers and sees why
    When the expert assigns reviewers to every region
    Then each region gets 3 reviewers from at least two countries other than its own
    And every reviewer chosen for "ES61" comes with the expertise, language, origin and load behind the choice

  Scenario: A conflicted reviewer is never chosen
    When the expert assigns reviewers to every region
    Then "javier-molina" from Andalucía does not review "ES61"
    And "jurgen-schafer" from Dresden does not review "DED2"

  Scenario: A reviewer submits a review
    Given the peer review pack for "ES61" has been prepared
    When "ana-ferreira" submits her review of "ES61"
    Then the review is accepted with her scores
    And a review of "ES61" by "jurgen-schafer" is refused because he is not assigned to it

  Scenario Outline: The report appears when all reviews are in or the expert closes the stage
    Given the peer review pack for "ES61" has been prepared
    And <received> of its reviews have been submitted
    And the expert <closed> the stage
    Then the peer review report is <outcome>

    Examples:
      | received | closed       | outcome                                                 |
      | 2        | has not closed | waiting with "2 of 3 reviews received, due 27 January 2027" |
      | 3        | has not closed | ready with 3 reviews                                    |
      | 2        | has closed     | ready with 2 reviews                                    |
