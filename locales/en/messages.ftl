# Conversations: the inbox, a conversation, writing first, inbox rules, reports.
nav-messages = Messages
msg-unread = unread messages
msg-inbox_title = Messages
msg-box = Inbox
msg-box_all = All my conversations
msg-box_me = Mine as a person
msg-assigned = Assigned
msg-assigned_any = To anyone
msg-assigned_me = To me
msg-assigned_none = To nobody
msg-unread_only = Unread only
msg-search = Find in messages
msg-inbox_empty = No conversations yet. Message an exhibitor from its page, or answer a buyer from your leads.
msg-search_none = No message contains these words.
msg-assigned_to = assigned to
msg-older = Older
msg-rules_title = Who may write first
msg-shared_contact = Shared their contact details.
msg-withdrew_contact = Stopped sharing their contact details.
msg-former_member = A former member
msg-about = About
msg-read = Read
msg-you_block = You block messages from them. They cannot write to you until you unblock them.
msg-write = Your message
msg-files = Files
msg-files_hint = PDF, Word, Excel, PowerPoint, JPEG, PNG, WebP or text; up to 5 files, 10 MB each, 20 MB together.
msg-send = Send
msg-more = More
msg-share_contact = Share my contact details
msg-withdraw_contact = Stop sharing my contact details
msg-share_note = They will see your e-mail and the details on your account while you share them; each time is recorded.
msg-assign = Assign to
msg-assign_nobody = Nobody
msg-me = me
msg-block = Block
msg-unblock = Unblock
msg-report_which = Report
msg-report_whole = The conversation as a whole
msg-report_reason = What is wrong
msg-report_note = The organisers see the reason and the message you report, not the conversation. Reporting also blocks them.
msg-report_send = Send the report
msg-new_title = New message to
msg-writing_as = Writing as
msg-first_contact = First messages come from
msg-first_contact_anyone = Anyone signed in
msg-first_contact_known = Only people who visited or bookmarked us at a fair, or have a meeting with us
msg-rules_note = People you have already talked to can always answer. Everyone may start at most 30 new conversations a day.
msg-reports_title = Reports
msg-reports_note = What people reported in their conversations. The conversations themselves stay private.
msg-reports_open = Open reports
msg-reports_all = All reports
msg-reports_none = No reports.
msg-reported_by = reported by
msg-reported = about
msg-report_close = Close
msg-report_closed = Closed.
msg-message_exhibitor = Message the exhibitor
msg-message_owner = Send a message
msg-open_conversation = Open the conversation
notice-contact_shared = They can now see your contact details.
notice-contact_withdrawn = They no longer see your contact details.
notice-blocked = Blocked.
notice-unblocked = Unblocked.
notice-reported = Reported to the organisers; they are blocked.
notice-not_saved = That could not be done; nothing was changed.
mail-digest-subject = { $count ->
    [one] A new message on superconnector
   *[other] { $count } new messages on superconnector
}
mail-digest-hello = Hello { $name },
mail-digest-intro = { $count ->
    [one] A message is waiting for you:
   *[other] { $count } messages are waiting for you:
}
mail-digest-why = You get this because someone wrote to you or your organisation on superconnector. One mail gathers what arrived since the last.
mail-digest-unsubscribe = No more of these mails: { $url }
unsub-title = E-mail about messages
unsub-confirm = Stop e-mail about new messages?
unsub-stop = Stop these mails
unsub-done = You will get no more e-mail about messages. You can still read them on the site.
unsub-resume = Send them again
unsub-resumed = You will get e-mail about new messages again.
unsub-unknown = This link is not valid (any more).

## Meeting reminders by e-mail.
mail-reminder-subject = Meeting at { $when } with { $with }
mail-reminder-body = Your meeting with { $with } at { $fair } is at { $when }, table { $table }.
mail-reminder-badge = At the table, the person you meet scans your meeting badge to check the meeting in. It is on your meetings page:
mail-reminder-why = You get this because you have a meeting at a fair on superconnector, about an hour before it begins.
