# Meetings at fairs: "My meetings", asking for a meeting, the organiser's scheduler.
nav-meetings = Meetings
mtg-title = My meetings
mtg-all_fairs = All fairs
mtg-calendar = Add to calendar (.ics)
mtg-organise = Organise meetings
mtg-schedule = Your schedule
mtg-schedule_empty = No meetings in your schedule yet.
mtg-waiting = Waiting for your answer
mtg-sent = Sent, waiting for an answer
mtg-to_place = Accepted, time to be set
mtg-closed = Declined, cancelled and lapsed
mtg-any_time = Any time the organiser finds
mtg-table = Table
mtg-accept = Accept
mtg-decline = Decline
mtg-cancel = Cancel
mtg-propose = Propose another time
mtg-propose_send = Propose this time
mtg-check_in = We met
mtg-no_show = They did not come
mtg-met = Took place
mtg-they_missed = They did not come
mtg-you_missed = Marked as missed by you
mtg-missed_by = { $name } did not come
mtg-slot = Time
mtg-slot_hint = Leave "any time" and the organiser's scheduler will find one that suits you both.
mtg-state_sent = Lapses at { $lapses } (Hong Kong time) if not answered.
mtg-state_waiting = Answer by { $lapses } (Hong Kong time), or it lapses.
mtg-state_to_place = The organiser's scheduler will give it a time and a table.
mtg-status_declined = Declined
mtg-status_cancelled = Cancelled
mtg-status_expired = Lapsed without an answer
mtg-status_pending = Pending
mtg-status_accepted = Accepted
mtg-availability = When you cannot meet
mtg-availability_note = Mark the times you are at your booth, giving a talk or busy: nobody can book you then, and the scheduler leaves them free.
mtg-reason_free = Free to meet
mtg-reason_booth = Booth duty
mtg-reason_talk = Giving a talk
mtg-reason_other = Busy
mtg-cap = Most meetings at this fair
mtg-cap_hint = Leave empty for no limit.
mtg-no_sessions = The organiser has not set meeting times for this fair yet.
mtg-request_title = Ask for a meeting
mtg-request_with = With
mtg-note = Why you would like to meet
mtg-request_note = They have 48 hours to answer; after that the request lapses and frees the time.
mtg-request_send = Send the request
mtg-sessions = Meeting sessions
mtg-add_session = Add a session
mtg-day = Day
mtg-span = From – to
mtg-starts = Starts
mtg-ends = Ends
mtg-slot_length = Minutes per meeting
mtg-minutes = { $n } minutes
mtg-tables = Tables or rooms
mtg-breaks = Breaks
mtg-breaks_hint = Times without meetings, e.g. 12:30-13:30, 15:00-15:15 (fair's local time).
mtg-slots = Slots
mtg-scheduler = Scheduler
mtg-accepted_count = { $count ->
    [one] 1 accepted request
   *[other] { $count } accepted requests
}
mtg-draft_count = { $count ->
    [one] 1 draft meeting to review
   *[other] { $count } draft meetings to review
}
mtg-method_exact = Optimal schedule (proven).
mtg-method_heuristic = Schedule found within the proven bound below.
mtg-run_drafts = { $count ->
    [one] 1 draft meeting
   *[other] { $count } draft meetings
}
mtg-run_kept = { $count ->
    [one] 1 published meeting kept
   *[other] { $count } published meetings kept
}
mtg-run_unscheduled = { $count ->
    [one] 1 request found no time
   *[other] { $count } requests found no time
}
mtg-run_share = { $share } % of the most any schedule could place.
mtg-run_gaps = { $count ->
    [one] 1 idle slot between meetings, over everyone
   *[other] { $count } idle slots between meetings, over everyone
}
mtg-move_published = Allow moving published meetings
mtg-run = Run the scheduler
mtg-publish = Publish the drafts
mtg-meetings = Meetings
mtg-meetings_empty = No meetings placed yet.
mtg-when = When
mtg-requester = Asked by
mtg-invitee = Meets
mtg-state = State
mtg-published = Published
mtg-draft = Draft
mtg-requester_missed = Asker did not come
mtg-invitee_missed = Invitee did not come
notice-meeting_requested = Your request was sent.
notice-meeting_accepted = Accepted.
notice-meeting_declined = Declined.
notice-meeting_proposed = Your proposal was sent.
notice-meeting_cancelled = Cancelled.
notice-meetings_published = The drafts are published: both people see them in their schedules.

## Meeting badges: a QR code each person shows at the table; the partner scans it.
mtg-badge = Your meeting badge
mtg-badge_note = Show this code at the table: when the person you meet scans it with their phone, your meeting is checked in.
mtg-badge_reissue = New code (the old one stops working)
mtg-badge_scan = Meeting check-in
mtg-badge_checked_in = Checked in: your meeting with { $name }.
mtg-badge_not_now = Your meeting with { $name } is not under way now; it can be checked in from ten minutes before it starts.
mtg-badge_next = Next:
mtg-badge_not_a_partner = You have no published meeting with this badge's owner at this fair.
mtg-badge_own = This is your own badge: show it to the person you meet.
mtg-badge_confirm = This badge's link was opened from another site. Check in your meeting with its owner?
notice-badge_reissued = Your badge has a new code; the old one no longer works.

## Calendar subscription: a secret address a calendar application fetches.
mtg-feed = Subscribe in your calendar
mtg-feed_note = Your calendar application fetches this private address by itself, so meetings appear, move and disappear without downloading again. Anyone with the address sees your schedule: keep it to yourself.
mtg-feed_subscribe = Open in my calendar
mtg-feed_reissue = New address (the old one stops working)
notice-calendar_reissued = Your calendar has a new address; subscribe again with it.
