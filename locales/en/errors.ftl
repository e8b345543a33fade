### Why something was refused, by error code (err-CODE); shown to the reader instead of the English detail.
### English (en).

err-already_member = This person is already a member.
err-bad_code = This code is not in the right form.
err-before_end = Cannot be before the end date.
err-before_start = Cannot be before the start date.
err-control_character = Contains control characters that are not allowed.
err-csrf = This form has expired; please submit it again.
err-email_taken = An account with this e-mail address exists.
err-forbidden = You may not do this.
err-internal = Something went wrong on our side; it has been logged. Please try again.
err-last_admin = An organisation keeps at least one administrator.
err-no_such_account = No account uses this e-mail address; ask them to sign up first.
err-not_a_date = Write the date as YYYY-MM-DD.
err-not_a_url = Give an address starting with http:// or https://.
err-not_an_email = This is not an e-mail address.
err-not_an_option = Choose one of the options.
err-not_boolean = Choose yes or no.
err-not_found = Not found, or not visible to you.
err-not_hs_code = HS codes have 2 to 10 digits.
err-not_integer = Give a whole number.
err-not_number = Give a number.
err-out_of_range = The number is out of range.
err-required = Required.
err-too_long = Too long.
err-too_many = Too many entries.
err-too_many_requests = Too many attempts; please wait and try again.
err-too_short = Too short.
err-unknown_code = Unknown code.
err-unparseable = This field could not be read.
