### Listings, photos and search.
### English (en).

listing-by = Listed by
listing-choose_kind = What would you like to list?
listing-codes = Classification codes
listing-details = Details
listing-for = On behalf of
listing-myself = Myself
listing-new = New listing
listing-none = No listings yet.
listing-text_in_languages = Write in any one or more languages; readers of the others see the closest version.
search-a_listing = Listing
search-an_organisation = Organisation
search-facet-entity = Type
search-facet-fair = Fair
search-facet-hs = HS code
search-facet-kind = Kind
search-facet-location = Based in
search-facet-market = Market
search-facet-region = Target region
search-facet-sector = Sector
search-none = Nothing matched. Try fewer words, or another language.
search-placeholder = Search products, organisations…
search-remove_filter = Remove this filter
search-stand = { $fair }: { $hall }, booth { $booth }
search-stand_plan = Floor plan
search-title = Search
photos-add = Add a photo
photos-help = JPEG, PNG or WebP up to 8 MB; photos are resized and stripped of location and other metadata.
photos-remove = Remove
photos-title = Photos
photos-upload = Upload
