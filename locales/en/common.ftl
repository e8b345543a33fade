### Words every page shares: navigation, buttons, field names, notices.
### English (en).

action-add_listing = Add a listing
action-create_org = Create an organisation
action-delete = Delete
action-edit = Edit
action-filter = Filter
action-save = Save
action-search = Search
action-view_all = View all
delete-confirm = I am sure; this cannot be undone
field-codes = Classification codes (comma-separated)
field-description = Description
field-kind = Type
field-location = Based in
field-markets_served = Markets served
field-multi_hint = Choose any number
field-one_per_line = One per line
field-name = Name
field-phone = Phone
field-postal_address = Postal address
field-preferred_language = Language
field-sectors = Sectors
field-status = Status
field-target_regions = Target regions
field-title = Title
field-website = Website
field-wechat = WeChat
field-whatsapp = WhatsApp
home-fairs = Fairs
home-latest = Latest listings
home-markets = Four markets
home-tagline = Connecting Hong Kong, the Greater Bay Area and the world: buyers with exhibitors, talent with employers, capital with green projects, enterprises with professional services.
lang-label = Language
nav-account = Account
nav-fairs = Fairs
nav-home = Home
nav-listings = Listings
nav-organisations = Organisations
notice-member_added = Member added.
notice-member_removed = Member removed.
notice-role_changed = Role changed.
page-next = Next
page-of = of
page-prev = Previous
status-archived = Archived
status-draft = Draft
status-published = Published
word-all = All
word-any = Any
word-no = No
word-yes = Yes
results-count =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    }

## Text written only in the other Chinese script, converted for display. English pages never
## convert, but every language has every key.
text-converted_from_hans = Converted from Simplified Chinese · show the original
text-converted_from_hant = Converted from Traditional Chinese · show the original
