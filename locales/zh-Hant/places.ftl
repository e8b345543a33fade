### Hong Kong, Macau, the Mainland and the nine Guangdong cities of the Greater Bay Area, by location code
### (countries are in countries.ftl). Traditional Chinese (zh-Hant).

place-HK = 香港
place-MO = 澳門
place-CN = 內地（大灣區以外）
place-CN-GD-GZ = 廣州
place-CN-GD-SZ = 深圳
place-CN-GD-ZH = 珠海
place-CN-GD-FS = 佛山
place-CN-GD-HZ = 惠州
place-CN-GD-DG = 東莞
place-CN-GD-ZS = 中山
place-CN-GD-JM = 江門
place-CN-GD-ZQ = 肇慶
