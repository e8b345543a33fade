### Words every page shares: navigation, buttons, field names, notices.
### Traditional Chinese (zh-Hant).

action-add_listing = 新增項目
action-create_org = 建立機構
action-delete = 刪除
action-edit = 編輯
action-filter = 篩選
action-save = 儲存
action-search = 搜尋
action-view_all = 查看全部
delete-confirm = 我確定要刪除，刪除後無法復原
field-codes = 分類編碼（以逗號分隔）
field-description = 簡介
field-kind = 類型
field-location = 所在地
field-markets_served = 服務市場
field-multi_hint = 可選多項
field-one_per_line = 每行一項
field-name = 名稱
field-phone = 電話
field-postal_address = 郵寄地址
field-preferred_language = 介面語言
field-sectors = 行業
field-status = 狀態
field-target_regions = 目標地區
field-title = 標題
field-website = 網站
field-wechat = 微信
field-whatsapp = WhatsApp
home-fairs = 展覽會
home-latest = 最新項目
home-markets = 四大市場
home-tagline = 連繫香港、大灣區與世界：買家與參展商、人才與僱主、資本與綠色項目、企業與專業服務。
lang-label = 語言
nav-account = 帳戶
nav-fairs = 展覽
nav-home = 主頁
nav-listings = 項目
nav-organisations = 機構
notice-member_added = 已加入成員。
notice-member_removed = 已移除成員。
notice-role_changed = 已更改角色。
page-next = 下一頁
page-of = 共
page-prev = 上一頁
status-archived = 已封存
status-draft = 草稿
status-published = 已發佈
word-all = 全部
word-any = 不限
word-no = 否
word-yes = 是
results-count = { $count } 項結果

## 只以另一種中文書寫的文字，顯示時轉換。
text-converted_from_hans = 由簡體自動轉換 · 看原文
text-converted_from_hant = 由繁體自動轉換 · 看原文
