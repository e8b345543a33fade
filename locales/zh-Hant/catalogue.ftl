### Listings, photos and search.
### Traditional Chinese (zh-Hant).

listing-by = 發佈者
listing-choose_kind = 你想發佈甚麼？
listing-codes = 分類編碼
listing-details = 詳情
listing-for = 代表
listing-myself = 我自己
listing-new = 新增項目
listing-none = 暫時沒有項目。
listing-text_in_languages = 以任何一種或多種語言填寫；其他語言的讀者會看到最接近的版本。
search-a_listing = 項目
search-an_organisation = 機構
search-facet-entity = 類別
search-facet-fair = 展覽
search-facet-hs = HS編碼
search-facet-kind = 項目類型
search-facet-location = 所在地
search-facet-market = 市場
search-facet-region = 目標地區
search-facet-sector = 行業
search-none = 找不到相符的結果。試試較短的字詞，或用另一種語言搜尋。
search-placeholder = 搜尋產品、機構…
search-remove_filter = 移除此篩選
search-stand = { $fair }：{ $hall } { $booth } 號攤位
search-stand_plan = 平面圖
search-title = 搜尋
photos-add = 新增相片
photos-help = JPEG、PNG 或 WebP，最大 8 MB；相片會縮小並移除位置等資料。
photos-remove = 移除
photos-title = 相片
photos-upload = 上載
