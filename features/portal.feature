Feature: The portal for people outside the observatory
  As a regional contact, peer reviewer or coordinator
  I want to send survey answers, reviews and follow progress in a web browser
  So that I never need a command line and only ever see what is mine to see

  Background:
    Given the six demonstrator regions are open on the portal
    And the observatory has invited a regional contact of "ES61"

  Scenario: A regional contact fills in the survey on the web and gets a receipt
    When the contact of "ES61" submits the survey form for respondent "bodega-1" with the remark "Cádiz & <Sevilla>"
    Then the contact sees "Received and accepted"
    And the region "ES61" has 1 recorded survey response
    And the remark is stored as "Cádiz & <Sevilla>"

  Scenario: A contact can come back to a half-filled survey
    When the contact of "ES61" saves a draft for respondent "bodega-2"
    And the contact of "ES61" opens the survey form again
    Then the form still shows respondent "bodega-2"

  Scenario Outline: A contact never sees another region
    When the contact of "ES61" opens "<page>"
    Then the portal refuses with <status>

    Examples:
      | page                   | status |
      | /regions/SK04          | 403    |
      | /regions/SK04/survey   | 403    |
      | /regions/PL21/receipts/1 | 403    |
      | /dashboard             | 403    |
      | /regions/NOWHERE       | 404    |
      | /documents/99999999999999999999 | 404 |

  Scenario: A coordinator sees a web response counted on the dashboard
    Given the survey of "ES61" is waiting for responses
    When the contact of "ES61" submits the survey form for respondent "bodega-1" with the remark "fine"
    And a coordinator opens the dashboard
    Then the survey of "ES61" shows "1 of 20 responses"
    And every demonstrator region is listed on the dashboard

  Scenario: An expired link does not open the portal
    Given the contact's link has expired
    When the contact opens the link
    Then the portal refuses with 403

  Scenario: A double click on the survey form records the response once
    When the contact of "ES61" clicks "Submit response" twice for respondent "bodega-3"
    Then both clicks show the same receipt
    And the region "ES61" has 1 recorded survey response

  Scenario: Signing out ends the session at once
    When the contact of "ES61" signs out, keeping a copy of the session cookie
    Then the copied cookie no longer opens "/regions/ES61"

  Scenario: A link opened while someone else is signed in asks first
    Given the contact of "ES61" is signed in
    When someone else's link is opened in the same browser
    Then the portal asks "Sign in as someone else?"
    And the contact of "ES61" is still signed in
