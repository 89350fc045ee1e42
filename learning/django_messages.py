"""Django's own messages that reach the people using Kasumi: form errors,
password rules, sign-up and log-in messages, dates and times, the refused-form (CSRF) page.

Django's catalogues lack many of them in Burmese, Nepali, Sinhala and Kurmanji. Listing them here
puts them in our catalogues (makemessages reads this module), so every interface language carries
them: filled from Django's own translation where it has one, written by us where it has none.
Nothing imports this module. Written by `manage.py django_messages`; do not edit by hand.
"""

from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy

DJANGO_MESSAGES = [
    gettext_lazy("…"),
    gettext_lazy("That page number is not an integer"),
    gettext_lazy("That page number is less than 1"),
    gettext_lazy("That page contains no results"),
    gettext_lazy("Enter a valid value."),
    gettext_lazy("Enter a valid domain name."),
    gettext_lazy("Enter a valid URL."),
    gettext_lazy("Enter a valid integer."),
    gettext_lazy("Enter a valid email address."),
    gettext_lazy("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_lazy(
        "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."
    ),
    gettext_lazy("Enter a valid %(protocol)s address."),
    gettext_lazy("IPv4"),
    gettext_lazy("IPv6"),
    gettext_lazy("IPv4 or IPv6"),
    gettext_lazy("Enter only digits separated by commas."),
    gettext_lazy("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    gettext_lazy("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_lazy("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_lazy("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_lazy(
        "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on."
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "n",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "n",
    ),
    gettext_lazy("Enter a number."),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "n",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "n",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        "n",
    ),
    gettext_lazy(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."
    ),
    gettext_lazy("Null characters are not allowed."),
    gettext_lazy("and"),
    gettext_lazy("%(model_name)s with this %(field_labels)s already exists."),
    gettext_lazy("Value %(value)r is not a valid choice."),
    gettext_lazy("This field cannot be null."),
    gettext_lazy("This field cannot be blank."),
    gettext_lazy("%(model_name)s with this %(field_label)s already exists."),
    gettext_lazy("%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s."),
    gettext_lazy("Field of type: %(field_type)s"),
    gettext_lazy("“%(value)s” value must be either True or False."),
    gettext_lazy("“%(value)s” value must be either True, False, or None."),
    gettext_lazy("Boolean (Either True or False)"),
    gettext_lazy("String (up to %(max_length)s)"),
    gettext_lazy("String (unlimited)"),
    gettext_lazy("Comma-separated integers"),
    gettext_lazy("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."),
    gettext_lazy(
        "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."
    ),
    gettext_lazy("Date (without time)"),
    gettext_lazy(
        "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."
    ),
    gettext_lazy(
        "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time."
    ),
    gettext_lazy("Date (with time)"),
    gettext_lazy("“%(value)s” value must be a decimal number."),
    gettext_lazy("Decimal number"),
    gettext_lazy(
        "“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format."
    ),
    gettext_lazy("Duration"),
    gettext_lazy("Email address"),
    gettext_lazy("File path"),
    gettext_lazy("“%(value)s” value must be a float."),
    gettext_lazy("Floating point number"),
    gettext_lazy("“%(value)s” value must be an integer."),
    gettext_lazy("Integer"),
    gettext_lazy("Big (8 byte) integer"),
    gettext_lazy("Small integer"),
    gettext_lazy("IPv4 address"),
    gettext_lazy("IP address"),
    gettext_lazy("“%(value)s” value must be either None, True or False."),
    gettext_lazy("Boolean (Either True, False or None)"),
    gettext_lazy("Positive big integer"),
    gettext_lazy("Positive integer"),
    gettext_lazy("Positive small integer"),
    gettext_lazy("Slug (up to %(max_length)s)"),
    gettext_lazy("Text"),
    gettext_lazy(
        "“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format."
    ),
    gettext_lazy(
        "“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."
    ),
    gettext_lazy("Time"),
    gettext_lazy("URL"),
    gettext_lazy("Raw binary data"),
    gettext_lazy("“%(value)s” is not a valid UUID."),
    gettext_lazy("Universally unique identifier"),
    gettext_lazy(":?.!"),
    gettext_lazy("This field is required."),
    gettext_lazy("Enter a whole number."),
    gettext_lazy("Enter a valid date."),
    gettext_lazy("Enter a valid time."),
    gettext_lazy("Enter a valid date/time."),
    gettext_lazy("Enter a valid duration."),
    gettext_lazy("The number of days must be between {min_days} and {max_days}."),
    gettext_lazy("No file was submitted. Check the encoding type on the form."),
    gettext_lazy("No file was submitted."),
    gettext_lazy("The submitted file is empty."),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
        "n",
    ),
    gettext_lazy("Please either submit a file or check the clear checkbox, not both."),
    gettext_lazy(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
    gettext_lazy("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_lazy("Enter a list of values."),
    gettext_lazy("Enter a complete value."),
    gettext_lazy("Enter a valid UUID."),
    gettext_lazy("Enter a valid JSON."),
    gettext_lazy(":"),
    gettext_lazy("(Hidden field %(name)s) %(error)s"),
    gettext_lazy(
        "ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. You may need to file a bug report if the issue persists."
    ),
    ngettext_lazy(
        "Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", "n"
    ),
    ngettext_lazy(
        "Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", "n"
    ),
    gettext_lazy("Order"),
    gettext_lazy("Delete"),
    gettext_lazy("Please correct the duplicate data for %(field)s."),
    gettext_lazy("Please correct the duplicate data for %(field)s, which must be unique."),
    gettext_lazy(
        "Please correct the duplicate data for %(field_name)s which must be unique for the %(lookup)s in %(date_field)s."
    ),
    gettext_lazy("Please correct the duplicate values below."),
    gettext_lazy("The inline value did not match the parent instance."),
    gettext_lazy("Select a valid choice. That choice is not one of the available choices."),
    gettext_lazy("“%(pk)s” is not a valid value."),
    gettext_lazy(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may not exist."
    ),
    gettext_lazy("Clear"),
    gettext_lazy("Currently"),
    gettext_lazy("Change"),
    gettext_lazy("Unknown"),
    gettext_lazy("Yes"),
    gettext_lazy("No"),
    gettext_lazy("yes,no,maybe"),
    ngettext_lazy("%(size)d byte", "%(size)d bytes", "n"),
    gettext_lazy("%s KB"),
    gettext_lazy("%s MB"),
    gettext_lazy("%s GB"),
    gettext_lazy("%s TB"),
    gettext_lazy("%s PB"),
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
    gettext_lazy("Mon"),
    gettext_lazy("Tue"),
    gettext_lazy("Wed"),
    gettext_lazy("Thu"),
    gettext_lazy("Fri"),
    gettext_lazy("Sat"),
    gettext_lazy("Sun"),
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
    gettext_lazy("jan"),
    gettext_lazy("feb"),
    gettext_lazy("mar"),
    gettext_lazy("apr"),
    gettext_lazy("may"),
    gettext_lazy("jun"),
    gettext_lazy("jul"),
    gettext_lazy("aug"),
    gettext_lazy("sep"),
    gettext_lazy("oct"),
    gettext_lazy("nov"),
    gettext_lazy("dec"),
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
    pgettext_lazy("String to return when truncating text", "%(truncated_text)s…"),
    gettext_lazy("or"),
    gettext_lazy(", "),
    ngettext_lazy("%(num)d year", "%(num)d years", "n"),
    ngettext_lazy("%(num)d month", "%(num)d months", "n"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "n"),
    ngettext_lazy("%(num)d day", "%(num)d days", "n"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "n"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "n"),
    gettext_lazy("Forbidden"),
    gettext_lazy("CSRF verification failed. Request aborted."),
    gettext_lazy(
        "You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your web browser, but none was sent. This header is required for security reasons, to ensure that your browser is not being hijacked by third parties."
    ),
    gettext_lazy(
        "If you have configured your browser to disable “Referer” headers, please re-enable them, at least for this site, or for HTTPS connections, or for “same-origin” requests."
    ),
    gettext_lazy(
        'If you are using the <meta name="referrer" content="no-referrer"> tag or including the “Referrer-Policy: no-referrer” header, please remove them. The CSRF protection requires the “Referer” header to do strict referer checking. If you’re concerned about privacy, use alternatives like <a rel="noreferrer" …> for links to third-party sites.'
    ),
    gettext_lazy(
        "You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties."
    ),
    gettext_lazy(
        "If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for “same-origin” requests."
    ),
    gettext_lazy("More information is available with DEBUG=True."),
    gettext_lazy("Invalid password format or unknown hashing algorithm."),
    gettext_lazy("No password set."),
    gettext_lazy("Reset password"),
    gettext_lazy("Set password"),
    gettext_lazy("The two password fields didn’t match."),
    gettext_lazy("Password"),
    gettext_lazy("Password confirmation"),
    gettext_lazy("Enter the same password as before, for verification."),
    gettext_lazy(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    gettext_lazy("Password-based authentication"),
    gettext_lazy("Enabled"),
    gettext_lazy("Disabled"),
    gettext_lazy("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_lazy("Enable password-based authentication for this user by setting a password."),
    gettext_lazy(
        "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."
    ),
    gettext_lazy("This account is inactive."),
    gettext_lazy("Email"),
    gettext_lazy("New password"),
    gettext_lazy("New password confirmation"),
    gettext_lazy("Your old password was entered incorrectly. Please enter it again."),
    gettext_lazy("Old password"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "n",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "n",
    ),
    gettext_lazy("The password is too similar to the %(verbose_name)s."),
    gettext_lazy("Your password can’t be too similar to your other personal information."),
    gettext_lazy("This password is too common."),
    gettext_lazy("Your password can’t be a commonly used password."),
    gettext_lazy("This password is entirely numeric."),
    gettext_lazy("Your password can’t be entirely numeric."),
    gettext_lazy(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    ),
    gettext_lazy(
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."
    ),
]
