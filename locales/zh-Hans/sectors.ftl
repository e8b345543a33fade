### Industry sectors, by code.
### Simplified Chinese (zh-Hans).

sector-electronics = 电子产品
sector-lighting = 照明
sector-household = 家庭用品
sector-gifts_toys = 礼品及玩具
sector-fashion = 时装及纺织
sector-jewellery = 珠宝
sector-food_beverage = 食品及饮品
sector-health_beauty = 健康及美容
sector-medical = 医疗器材
sector-machinery = 机械
sector-auto_parts = 汽车零部件
sector-green_energy = 绿色能源
sector-ict = 信息及通信科技
sector-fintech = 金融科技
sector-logistics = 物流
sector-professional_services = 专业服务
sector-education = 教育及培训
sector-creative = 设计及创意产业
sector-biotech = 生物科技
sector-real_estate = 地产及建造
