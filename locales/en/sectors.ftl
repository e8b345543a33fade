### Industry sectors, by code.
### English (en).

sector-electronics = Electronics
sector-lighting = Lighting
sector-household = Household products
sector-gifts_toys = Gifts and toys
sector-fashion = Fashion and textiles
sector-jewellery = Jewellery
sector-food_beverage = Food and beverage
sector-health_beauty = Health and beauty
sector-medical = Medical devices
sector-machinery = Machinery
sector-auto_parts = Auto parts
sector-green_energy = Green energy
sector-ict = Information and communication technology
sector-fintech = Financial technology
sector-logistics = Logistics
sector-professional_services = Professional services
sector-education = Education and training
sector-creative = Design and creative industries
sector-biotech = Biotechnology
sector-real_estate = Real estate and construction
