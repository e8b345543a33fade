### Why something was refused, by error code (err-CODE); shown to the reader instead of the English detail.
### Traditional Chinese (zh-Hant).

err-already_member = 此人已是成員。
err-bad_code = 代碼格式不正確。
err-before_end = 不能早於結束日期。
err-before_start = 不能早於開始日期。
err-control_character = 含有不允許的控制字元。
err-csrf = 表格已過期，請重新提交。
err-email_taken = 此電郵地址已註冊。
err-forbidden = 你沒有權限進行此操作。
err-internal = 系統出錯，已記錄，請稍後再試。
err-last_admin = 機構必須保留最少一位管理員。
err-no_such_account = 沒有帳戶使用此電郵地址，請先請對方註冊。
err-not_a_date = 請以YYYY-MM-DD格式填寫日期。
err-not_a_url = 請填寫以 http:// 或 https:// 開頭的網址。
err-not_an_email = 電郵地址格式不正確。
err-not_an_option = 請從選項中選擇。
err-not_boolean = 請選擇是或否。
err-not_found = 找不到此頁面，或你無權查看。
err-not_hs_code = HS編碼應為2至10位數字。
err-not_integer = 請填寫整數。
err-not_number = 請填寫數字。
err-out_of_range = 數值超出允許範圍。
err-required = 必須填寫。
err-too_long = 內容太長。
err-too_many = 項目太多。
err-too_many_requests = 嘗試次數過多，請稍後再試。
err-too_short = 太短。
err-unknown_code = 未知的代碼。
err-unparseable = 無法讀取此欄。
