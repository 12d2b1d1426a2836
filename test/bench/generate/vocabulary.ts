/**
 * Word lists for data that looks like a Beijing branch's real records: surnames in rough order of
 * frequency, given-name characters, districts and streets, mobile prefixes, the products a household
 * appliance service center repairs with their faults and parts.
 */

/** The commonest surnames first; the weight of the n-th is about 1/(n+4), so 王李张刘陈 dominate as they do. */
export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
export const SURNAME_WEIGHTS = SURNAMES.map((_, i) => 1 / (i + 4));

export const GIVEN_CHARS = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚辉鹏华飞玲桂英秀兰建国志红晓东海波宇浩然欣怡子涵梓萱雨轩博文佳琪思远俊杰嘉豪梦婷立新振华春梅玉珍淑珍凤兰德胜永福文斌',
];

export const COMPANY_PARTS = {
  prefixes: ['北京', '京海', '中关村', '华联', '金源', '远洋', '首创', '燕莎', '龙湖', '新东'],
  cores: ['科技', '物业', '餐饮', '酒店', '商贸', '实业', '置业', '医疗', '教育', '文化'],
  suffixes: ['有限公司', '有限责任公司', '股份有限公司', '服务中心', '分公司'],
};

export const CITY_DISTRICTS = ['海淀区', '朝阳区', '西城区', '东城区', '丰台区', '石景山区'];
export const SUBURB_DISTRICTS = ['昌平区', '顺义区', '大兴区', '通州区', '房山区', '怀柔区', '密云区', '平谷区', '延庆区', '门头沟区'];

export const STREETS = [
  '中关村大街', '学院路', '知春路', '北四环西路', '海淀南路', '万泉河路', '建国路', '朝阳北路', '望京西路', '酒仙桥路',
  '西直门外大街', '复兴门内大街', '东直门南大街', '安定门外大街', '丰台北路', '石景山路', '回龙观西大街', '府前街', '新华大街', '黄村西大街',
  '通胡大街', '良乡长虹东路', '青春路', '鼓楼东大街', '滨河路', '新源里', '花园路', '永定路', '马甸路', '广渠路',
];

export const COMMUNITIES = ['小区', '家园', '花园', '公寓', '嘉园', '新村', '里', '苑'];
export const COMMUNITY_NAMES = ['清华园', '燕园', '世纪城', '望京', '天通苑', '回龙观', '方庄', '紫竹', '金隅', '万科', '远洋', '首开', '龙泽', '双榆树', '和平'];

/** Mobile number prefixes in use in China. */
export const MOBILE_PREFIXES = ['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199'];

export interface ProductKind {
  name: string;
  /** Model number builders: a prefix and the shapes that follow it. */
  modelPrefixes: readonly string[];
  modelSuffixes: readonly string[];
  /** Serial prefix letters. */
  serialPrefix: string;
  warrantyMonths: readonly number[];
  faults: readonly string[];
  work: readonly string[];
  parts: ReadonlyArray<{ partNo: string; name: string; priceFen: number }>;
  findings: readonly string[];
  causes: readonly string[];
}

export const PRODUCT_KINDS: readonly ProductKind[] = [
  {
    name: '空调',
    modelPrefixes: ['KFR-35GW', 'KFR-26GW', 'KFR-50LW', 'KFR-72LW', 'KF-35GW'],
    modelSuffixes: ['/BpR3DN1', '/NhGd1B', '(35592)FNhAa-A1', '/BP3DN8Y-PH400', '/FNDa'],
    serialPrefix: 'KT',
    warrantyMonths: [12, 36, 72],
    faults: ['不制冷', '不制热', '室内机漏水', '遥控失灵', '外机噪音大', '开机显示E1故障码', '出风有异味', '制冷效果差'],
    work: ['补充制冷剂', '更换压缩机电容', '清洗滤网和蒸发器', '疏通排水管', '更换遥控接收板', '紧固外机支架'],
    parts: [
      { partNo: 'KT-CAP-35', name: '压缩机电容', priceFen: 4500 },
      { partNo: 'KT-R32-1', name: 'R32制冷剂', priceFen: 18000 },
      { partNo: 'KT-PCB-IN', name: '室内机主板', priceFen: 38000 },
      { partNo: 'KT-FAN-OUT', name: '外机风扇电机', priceFen: 26000 },
      { partNo: 'KT-SENS-T', name: '温度传感器', priceFen: 3500 },
    ],
    findings: ['电容容量不足', '冷媒泄漏', '主板继电器烧蚀', '排水管堵塞', '风机轴承磨损'],
    causes: ['元件老化', '安装不当', '电压不稳', '长期未清洗', '运输磕碰'],
  },
  {
    name: '冰箱',
    modelPrefixes: ['BCD-215', 'BCD-452', 'BCD-301', 'BCD-596', 'BCD-180'],
    modelSuffixes: ['TMPQ', 'WDPV', 'WTM', 'KSB', 'DC'],
    serialPrefix: 'BX',
    warrantyMonths: [12, 36],
    faults: ['冷藏室不制冷', '冷冻室结霜严重', '压缩机不停机', '门封不严', '噪音大', '显示屏不亮'],
    work: ['更换门封条', '化霜加热丝检修', '更换温控器', '清理冷凝器', '调整门体'],
    parts: [
      { partNo: 'BX-SEAL-D', name: '门封条', priceFen: 8500 },
      { partNo: 'BX-THERM', name: '温控器', priceFen: 6500 },
      { partNo: 'BX-HEAT-DF', name: '化霜加热丝', priceFen: 7800 },
      { partNo: 'BX-COMP', name: '压缩机', priceFen: 68000 },
    ],
    findings: ['温控器失灵', '化霜系统故障', '门封老化', '压缩机启动器损坏'],
    causes: ['元件老化', '使用环境潮湿', '频繁开门', '电压不稳'],
  },
  {
    name: '洗衣机',
    modelPrefixes: ['XQG80-', 'XQB70-', 'XQG100-', 'TG100-', 'XQB90-'],
    modelSuffixes: ['BX12636', 'M1269S', 'B1226', 'V33WDY', 'HB6'],
    serialPrefix: 'XY',
    warrantyMonths: [12, 36],
    faults: ['不排水', '脱水时剧烈抖动', '进水不停', '门锁打不开', '显示E3', '漏水'],
    work: ['更换排水泵', '更换减震器', '清理排水过滤器', '更换进水阀', '更换门锁'],
    parts: [
      { partNo: 'XY-PUMP', name: '排水泵', priceFen: 9800 },
      { partNo: 'XY-DAMP', name: '减震器', priceFen: 5600 },
      { partNo: 'XY-VALVE', name: '进水阀', priceFen: 4200 },
      { partNo: 'XY-LOCK', name: '门锁开关', priceFen: 6800 },
      { partNo: 'XY-BELT', name: '传动皮带', priceFen: 3000 },
    ],
    findings: ['排水泵叶轮卡死', '减震器失效', '进水阀膜片破损', '门锁微动开关损坏'],
    causes: ['异物进入', '元件老化', '水质硬', '超量洗涤'],
  },
  {
    name: '热水器',
    modelPrefixes: ['JSQ24-', 'ES60H-', 'JSQ30-', 'EC6002-', 'ES80H-'],
    modelSuffixes: ['12HA3', 'GM7(EY)', '16WT', 'D6(U1)', 'SC5'],
    serialPrefix: 'RS',
    warrantyMonths: [12, 36, 96],
    faults: ['打不着火', '水不热', '漏水', '显示E1', '加热时跳闸', '出水忽冷忽热'],
    work: ['更换点火针', '更换镁棒', '更换加热管', '更换温控器', '清理水垢'],
    parts: [
      { partNo: 'RS-IGN', name: '点火针', priceFen: 3800 },
      { partNo: 'RS-MG', name: '镁棒', priceFen: 4500 },
      { partNo: 'RS-HEAT', name: '加热管', priceFen: 16000 },
      { partNo: 'RS-FLOW', name: '水流传感器', priceFen: 5200 },
    ],
    findings: ['点火针积碳', '加热管结垢', '温控器失效', '水流传感器损坏'],
    causes: ['水质硬', '元件老化', '燃气压力低', '长期未保养'],
  },
  {
    name: '电视',
    modelPrefixes: ['55E3F', '65A57F', '43V1F', '75Q7E', '50E3G'],
    modelSuffixes: ['', '-PRO', 'M', '-MAX', 'S'],
    serialPrefix: 'DS',
    warrantyMonths: [12, 24],
    faults: ['黑屏有声音', '无法开机', '屏幕有竖线', '遥控无反应', '无信号'],
    work: ['更换背光灯条', '更换电源板', '更换主板', '重新升级系统'],
    parts: [
      { partNo: 'DS-LED-55', name: '背光灯条', priceFen: 22000 },
      { partNo: 'DS-PWR', name: '电源板', priceFen: 31000 },
      { partNo: 'DS-MAIN', name: '主板', priceFen: 45000 },
    ],
    findings: ['背光灯珠烧毁', '电源板电容鼓包', '主板供电异常'],
    causes: ['元件老化', '雷击', '长时间待机过热'],
  },
  {
    name: '油烟机',
    modelPrefixes: ['CXW-200-', 'CXW-260-', 'CXW-218-'],
    modelSuffixes: ['E900C15', 'JQ01T', 'TE12', 'A39'],
    serialPrefix: 'YY',
    warrantyMonths: [12, 60],
    faults: ['吸力变小', '噪音大', '灯不亮', '漏油', '按键失灵'],
    work: ['清洗风轮', '更换电机', '更换照明灯', '更换按键板'],
    parts: [
      { partNo: 'YY-MOTOR', name: '电机', priceFen: 28000 },
      { partNo: 'YY-LAMP', name: '照明灯', priceFen: 2500 },
      { partNo: 'YY-KEY', name: '按键板', priceFen: 9000 },
    ],
    findings: ['风轮油污堆积', '电机轴承磨损', '按键板进油'],
    causes: ['长期未清洗', '元件老化', '安装高度不当'],
  },
];

export const CANCEL_REASONS = ['客户自行修好', '客户改约', '重复登记', '客户联系不上', '非本公司产品'];
export const OVERRIDE_REASONS = ['客户要求按付费处理', '主任批准按保内处理', '合同条款特别约定'];
export const CONDITIONS = ['外观完好', '外壳有划痕', '面板轻微磨损', '无明显损伤', '外包装缺失'];
export const ACCESSORIES = ['遥控器一个', '无附件', '电源线', '遥控器及说明书', '排水管'];
export const HELP_NOTES = ['配件缺货，请主任协调', '故障复杂，需要技术支援', '客户催修，申请加急'];
