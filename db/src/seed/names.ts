import type { Rng } from './random';

// Names are drawn from short lists of common surnames and given-name characters rather than
// from a fake-data library: a dozen lines give plausible Chinese names, need no locale data
// and stay byte-for-byte the same across library versions, which the seed's checksum needs.

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛阎段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志新海波林斌亮春晖辉鹏飞宇浩然文博俊凯峰翔宏健兵松德胜利光辉琴燕梅丹凤云雪慧颖婷欣怡佳敬湘益'];

/** A Chinese personal name: a surname and one or two given-name characters. */
export function personName(rng: Rng): string {
  const surname = rng.pick(SURNAMES);
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return surname + given;
}

const MOBILE_PREFIXES = ['133', '135', '137', '138', '139', '150', '151', '152', '158', '159', '173', '177',
  '180', '181', '182', '186', '187', '188', '189', '191', '198', '199'];

/** A mobile number in the shape of China's 11-digit numbers. */
export function mobileNumber(rng: Rng): string {
  let digits = rng.pick(MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9));
  return digits;
}

const TRADE_NAME_CHARACTERS = [...'鑫盛宏达华丰远泰安兴源和恒润金银龙凯瑞祥福顺利通宝新诚信益湘资桃梅山湖洞庭茶竹银城天成永嘉旺发康富'];

/** A two-character trade name (字号), the distinctive part of a company name. */
export function tradeName(rng: Rng): string {
  return rng.pick(TRADE_NAME_CHARACTERS) + rng.pick(TRADE_NAME_CHARACTERS);
}
