### Listings, photos and search.
### Simplified Chinese (zh-Hans).

listing-by = 发布者
listing-choose_kind = 你想发布什么？
listing-codes = 分类编码
listing-details = 详情
listing-for = 代表
listing-myself = 我自己
listing-new = 新增项目
listing-none = 暂时没有项目。
listing-text_in_languages = 以任何一种或多种语言填写；其他语言的读者会看到最接近的版本。
search-a_listing = 项目
search-an_organisation = 机构
search-facet-entity = 类别
search-facet-fair = 展览
search-facet-hs = HS编码
search-facet-kind = 项目类型
search-facet-location = 所在地
search-facet-market = 市场
search-facet-region = 目标地区
search-facet-sector = 行业
search-none = 找不到相符的结果。试试较短的词，或用另一种语言搜索。
search-placeholder = 搜索产品、机构…
search-remove_filter = 移除此筛选
search-stand = { $fair }：{ $hall } { $booth } 号展位
search-stand_plan = 平面图
search-title = 搜索
photos-add = 添加照片
photos-help = JPEG、PNG 或 WebP，最大 8 MB；照片会缩小并移除位置等数据。
photos-remove = 移除
photos-title = 照片
photos-upload = 上传
