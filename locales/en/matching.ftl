## Click2Match: recommendations, their reasons, profiles and wishes.

nav-matches = For you
matches-title = Recommended for you
matches-intro = Exhibitors and suppliers chosen for you from what you told us and what you did. Both sides must fit: they would want to meet you too.
matches-at-fair = At { $fair }
matches-none = Nothing to recommend yet. Tell us what you source, or bookmark a few exhibitors, and matches appear here.
matches-profile-cta = Tell us what you source
matches-profile-why = so that the fair recommends the right exhibitors to you
matches-more = All recommendations
matches-after-scan = Exhibitors you may also like
matches-buyers-title = Buyers to meet
matches-buyers-intro = Buyers who let exhibitors find them and fit what you offer and whom you want to meet. Their contact details follow their consent, as for leads.
matches-buyers-none = No buyer fits yet. Say whom you want to meet, and check back as buyers sign up.
matches-partners-title = Organisations to meet
matches-partners-intro = Suppliers, service firms and partners for what your organisation needs, who would want you as a client too. Firms that sell what you sell are not shown, nor the competitors you named.
matches-partners-none = Nothing fits yet. Say what your organisation needs from other firms, and check back as they join.
matches-needs-cta = What you need and whom you want to meet
matches-listing-title = Matches for this listing
matches-listing-none = Nothing matches this listing yet.
matches-requests = Requests you could answer
matches-suppliers = Suppliers for this request
matches-wishes-cta = Whom you want to meet
matches-back-to-listing = Back to the listing
match-not-interested = Not interested
match-more-like-this = More like this
match-why = Why
match-score = Match { $score } %
notice-match-not_interested = Noted: you will not see it again.
notice-match-more_like_this = Noted: more like it from now on.

profile-buyer-title = Your buyer profile
profile-buyer-intro = All optional. What you say here only serves to find you good matches; exhibitors see your name, company and what you source only if you let them find you.
profile-wishes-title = Whom { $org } wants to meet, and what it needs
profile-wishes-intro = All optional. Buyers who fit are shown to your team under "Buyers to meet"; suppliers and service firms for what you need under "Organisations to meet". Competitors you name are never matched with you.
profile-saved = Saved. Your recommendations have been updated.
profile-welcome-title = Welcome. What do you source?
profile-welcome-intro = One optional step: tell us what you buy and for where, and the fair recommends exhibitors and suppliers that fit you from the first page. You can change it or fill it in later under "For you".
profile-skip = Skip for now
notice-profile-saved = Saved. Here is what fits you.
match-dismiss = Hide for now
notice-match-dismiss = Hidden for 30 days.

attr-company = Company
attr-job_role = Your role
attr-buyer_type = Kind of buyer
attr-sources = What you source (words in any language)
attr-hs_codes = HS codes you source
attr-sectors = Sectors
attr-order_size = Typical order size (units)
attr-target_markets = Markets you sell into
attr-avoid_markets = Suppliers' locations to avoid
attr-business_languages = Languages you do business in
attr-discoverable = Let exhibitors find me
attr-buyer_types = Kinds of buyers
attr-buyer_regions = Buyers' locations
attr-min_order = Smallest order you take (units)
attr-avoid_regions = Buyers' locations to avoid
attr-looking_for = What you look for in buyers (words in any language)
attr-needs = What your organisation needs from other firms: suppliers, services, partners (words in any language)
attr-needs_services = Professional services you need
attr-competitors = Competitors: never recommend them to us or us to them, nor their staff (one name per line)

option-importer = Importer
option-wholesaler = Wholesaler
option-distributor = Distributor
option-retailer = Retailer
option-e_commerce = E-commerce seller
option-brand_owner = Brand owner
option-sourcing_agent = Sourcing agent
option-manufacturer = Manufacturer

match-reason-words = Matches what you look for: { $words }
match-reason-words-them = Looks for what you offer: { $words }
match-reason-hs = HS { $code } on both sides
match-reason-sector = Same sector: { $sector }
match-reason-markets = Serves { $values }
match-reason-regions = For { $values }
match-reason-wants-region = Wants buyers from { $values }
match-reason-wants-type = Wants to meet: { $values }
match-reason-shared = In common: { $values }
match-reason-fits = Fits what you asked for
match-reason-fits-them = You fit what they ask for
match-reason-fits-moq = Minimum order within your quantity
match-reason-fits-experience = Asks for no more experience than you have
match-reason-fits-price = Price within your target
match-reason-fits-budget = Fees within your budget
match-reason-fits-salary = Pays what you ask
match-reason-fits-ticket_min = Large enough for your ticket
match-reason-fits-ticket_max = Within your ticket size
match-reason-services = Offers the services you need: { $values }
match-reason-similar = { $count ->
    [one] One person like you chose them
   *[other] { $count } people like you chose them
}
match-reason-similar-them = { $count ->
    [one] One like them chose you
   *[other] { $count } like them chose you
}
match-reason-popular = { $count ->
    [one] Chosen by one person
   *[other] Chosen by { $count } people
}
match-reason-interested = Already showed interest in you
match-reason-responsive = Follows up those who reach them
