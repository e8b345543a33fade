### Why something was refused, by error code (err-CODE); shown to the reader instead of the English detail.
### Simplified Chinese (zh-Hans).

err-already_member = 此人已是成员。
err-bad_code = 代码格式不正确。
err-before_end = 不能早于结束日期。
err-before_start = 不能早于开始日期。
err-control_character = 含有不允许的控制字符。
err-csrf = 表单已过期，请重新提交。
err-email_taken = 此邮箱已注册。
err-forbidden = 你没有权限进行此操作。
err-internal = 系统出错，已记录，请稍后再试。
err-last_admin = 机构必须保留至少一位管理员。
err-no_such_account = 没有账户使用此邮箱，请先请对方注册。
err-not_a_date = 请以YYYY-MM-DD格式填写日期。
err-not_a_url = 请填写以 http:// 或 https:// 开头的网址。
err-not_an_email = 邮箱格式不正确。
err-not_an_option = 请从选项中选择。
err-not_boolean = 请选择是或否。
err-not_found = 找不到此页面，或你无权查看。
err-not_hs_code = HS编码应为2至10位数字。
err-not_integer = 请填写整数。
err-not_number = 请填写数字。
err-out_of_range = 数值超出允许范围。
err-required = 必须填写。
err-too_long = 内容太长。
err-too_many = 项目太多。
err-too_many_requests = 尝试次数过多，请稍后再试。
err-too_short = 太短。
err-unknown_code = 未知的代码。
err-unparseable = 无法读取此栏。
