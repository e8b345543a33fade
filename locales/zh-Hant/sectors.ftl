### Industry sectors, by code.
### Traditional Chinese (zh-Hant).

sector-electronics = 電子產品
sector-lighting = 照明
sector-household = 家庭用品
sector-gifts_toys = 禮品及玩具
sector-fashion = 時裝及紡織
sector-jewellery = 珠寶
sector-food_beverage = 食品及飲品
sector-health_beauty = 健康及美容
sector-medical = 醫療器材
sector-machinery = 機械
sector-auto_parts = 汽車零部件
sector-green_energy = 綠色能源
sector-ict = 資訊及通訊科技
sector-fintech = 金融科技
sector-logistics = 物流
sector-professional_services = 專業服務
sector-education = 教育及培訓
sector-creative = 設計及創意產業
sector-biotech = 生物科技
sector-real_estate = 地產及建造
