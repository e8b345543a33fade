### Hong Kong, Macau, the Mainland and the nine Guangdong cities of the Greater Bay Area, by location code
### (countries are in countries.ftl). Simplified Chinese (zh-Hans).

place-HK = 香港
place-MO = 澳门
place-CN = 内地（大湾区以外）
place-CN-GD-GZ = 广州
place-CN-GD-SZ = 深圳
place-CN-GD-ZH = 珠海
place-CN-GD-FS = 佛山
place-CN-GD-HZ = 惠州
place-CN-GD-DG = 东莞
place-CN-GD-ZS = 中山
place-CN-GD-JM = 江门
place-CN-GD-ZQ = 肇庆
