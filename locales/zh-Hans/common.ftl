### Words every page shares: navigation, buttons, field names, notices.
### Simplified Chinese (zh-Hans).

action-add_listing = 新增项目
action-create_org = 创建机构
action-delete = 删除
action-edit = 编辑
action-filter = 筛选
action-save = 保存
action-search = 搜索
action-view_all = 查看全部
delete-confirm = 我确定要删除，删除后无法恢复
field-codes = 分类编码（以逗号分隔）
field-description = 简介
field-kind = 类型
field-location = 所在地
field-markets_served = 服务市场
field-multi_hint = 可选多项
field-one_per_line = 每行一项
field-name = 名称
field-phone = 电话
field-postal_address = 邮寄地址
field-preferred_language = 界面语言
field-sectors = 行业
field-status = 状态
field-target_regions = 目标地区
field-title = 标题
field-website = 网站
field-wechat = 微信
field-whatsapp = WhatsApp
home-fairs = 展览会
home-latest = 最新项目
home-markets = 四大市场
home-tagline = 连接香港、大湾区与世界：买家与参展商、人才与雇主、资本与绿色项目、企业与专业服务。
lang-label = 语言
nav-account = 账户
nav-fairs = 展览
nav-home = 主页
nav-listings = 项目
nav-organisations = 机构
notice-member_added = 已加入成员。
notice-member_removed = 已移除成员。
notice-role_changed = 已更改角色。
page-next = 下一页
page-of = 共
page-prev = 上一页
status-archived = 已归档
status-draft = 草稿
status-published = 已发布
word-all = 全部
word-any = 不限
word-no = 否
word-yes = 是
results-count = { $count } 项结果

## 只以另一种中文书写的文字，显示时转换。
text-converted_from_hans = 由简体自动转换 · 看原文
text-converted_from_hant = 由繁体自动转换 · 看原文
