### Hong Kong, Macau, the Mainland and the nine Guangdong cities of the Greater Bay Area, by location code
### (countries are in countries.ftl). English (en).

place-HK = Hong Kong
place-MO = Macau
place-CN = Mainland China (outside the GBA)
place-CN-GD-GZ = Guangzhou
place-CN-GD-SZ = Shenzhen
place-CN-GD-ZH = Zhuhai
place-CN-GD-FS = Foshan
place-CN-GD-HZ = Huizhou
place-CN-GD-DG = Dongguan
place-CN-GD-ZS = Zhongshan
place-CN-GD-JM = Jiangmen
place-CN-GD-ZQ = Zhaoqing
