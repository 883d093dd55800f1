import { describe, expect, it } from 'vitest';
import { checkOwner, duplicateErrors, type ParsedHouse, parseHouseRow, type RawHouseRow } from './house-row.ts';

const ID1 = '11010519491231002X';
const ID2 = '440703199001011239';

const good: RawHouseRow = {
  building: '1栋',
  unit: '2单元',
  floor: '3',
  room: '301',
  address: '江门市蓬江区某路 1 号 1栋301',
  buildingArea: '89.15',
  innerArea: '70.5',
  use: '住宅',
  elevator: '有',
  salesStatus: '已售',
  ownerName: '张三',
  ownerIdType: '居民身份证',
  ownerIdNumber: ID1,
  ownerPhone: '13812345678',
};

/** Every problem of a row as "column: message". */
const problems = (over: RawHouseRow) => parseHouseRow({ ...good, ...over }, 7).errors.map((e) => `${e.column}: ${e.message}`);

describe('R-14 one row of the house import', () => {
  it('R-14 a complete row becomes a house, cells in normal form', () => {
    const { house, errors } = parseHouseRow({ ...good, room: ' ３０１ ', ownerIdNumber: ID1.toLowerCase() }, 7);
    expect(errors).toEqual([]);
    expect(house).toStrictEqual({
      building: '1栋',
      unit: '2单元',
      floor: 3,
      room: '301',
      address: '江门市蓬江区某路 1 号 1栋301',
      buildingArea: 8915,
      innerArea: 7050,
      use: '住宅',
      elevator: true,
      salesStatus: 'sold',
      owners: [{ name: '张三', idType: '居民身份证', idNumber: ID1, phone: '13812345678' }],
    });
  });

  it('R-14 optional cells may be blank: no unit, no inner area, no owners, 无 elevator, 未售', () => {
    const { house, errors } = parseHouseRow(
      {
        ...good,
        unit: '',
        innerArea: '',
        elevator: '无',
        salesStatus: '未售',
        ownerName: '',
        ownerIdType: '',
        ownerIdNumber: '',
        ownerPhone: '',
      },
      7,
    );
    expect(errors).toEqual([]);
    expect(house).toMatchObject({ unit: '', innerArea: 0, elevator: false, salesStatus: 'unsold', owners: [] });
    expect(parseHouseRow({ ...good, elevator: '是' }, 7).house?.elevator).toBe(true);
    expect(parseHouseRow({ ...good, elevator: '否' }, 7).house?.elevator).toBe(false);
  });

  it('R-14 every required cell left blank is named, on the row the user sees', () => {
    const { house, errors } = parseHouseRow({}, 12);
    expect(house).toBeNull();
    expect(errors).toEqual(
      ['楼幢名称', '楼层', '房号', '坐落', '建筑面积(㎡)', '房屋类型', '电梯', '销售状态'].map((column) => ({
        row: 12,
        column,
        message: '必填',
      })),
    );
  });

  it('R-14 text cells have their lengths, counted after normal form', () => {
    expect(problems({ building: 'a'.repeat(50), unit: 'b'.repeat(20), room: 'c'.repeat(20), address: 'd'.repeat(200) })).toEqual([]);
    expect(problems({ building: 'a'.repeat(51), unit: 'b'.repeat(21), room: 'c'.repeat(21), address: 'd'.repeat(201) })).toEqual([
      '楼幢名称: 不能超过 50 个字符',
      '单元: 不能超过 20 个字符',
      '房号: 不能超过 20 个字符',
      '坐落: 不能超过 200 个字符',
    ]);
  });

  it('R-14 the floor is a non-zero whole number of up to three digits, negative below ground', () => {
    for (const floor of ['-2', '1', '999']) expect(problems({ floor }), floor).toEqual([]);
    for (const floor of ['0', '1000', '1.5', 'a', '2a', 'a2'])
      expect(problems({ floor }), floor).toEqual(['楼层: 须为非零整数（地下层为负数）']);
    expect(parseHouseRow({ ...good, floor: '-2' }, 7).house?.floor).toBe(-2);
  });

  it('R-14 areas: positive, at most two decimals and 50000 m²; the inner area not above the building area', () => {
    expect(problems({ buildingArea: '0' })).toEqual(['建筑面积(㎡): 须为正数，最多 2 位小数']);
    expect(problems({ buildingArea: '1.234' })).toEqual(['建筑面积(㎡): 须为正数，最多 2 位小数']);
    expect(problems({ buildingArea: '50000', innerArea: '' })).toEqual([]);
    expect(problems({ buildingArea: '50000.01', innerArea: '' })).toEqual(['建筑面积(㎡): 不能大于 50000.00 平方米，请核对是否多输了位数']);
    expect(problems({ innerArea: 'x' })).toEqual(['套内面积(㎡): 须为正数，最多 2 位小数']);
    expect(problems({ buildingArea: '', innerArea: '50000.01' })).toEqual([
      '建筑面积(㎡): 必填',
      '套内面积(㎡): 不能大于 50000.00 平方米，请核对是否多输了位数',
    ]);
    expect(problems({ innerArea: '89.15' })).toEqual([]);
    expect(problems({ innerArea: '89.16' })).toEqual(['套内面积(㎡): 不能大于建筑面积 89.15']);
    expect(problems({ innerArea: '0' })).toEqual([]);
  });

  it('R-14 the use, the elevator and the sales status come from their lists', () => {
    expect(problems({ use: '别墅', elevator: '有电梯', salesStatus: '售出' })).toEqual([
      '房屋类型: 房屋类型不存在，须为：住宅、商业、办公、车库、车位、其他',
      '电梯: 须为“有”或“无”',
      '销售状态: 须为“已售”或“未售”',
    ]);
  });

  it('R-14 co-owners share a row, separated by either semicolon, and each problem names which owner', () => {
    const both = parseHouseRow(
      { ...good, ownerName: '张三；李四', ownerIdType: '居民身份证;居民身份证', ownerIdNumber: `${ID1}； ${ID2}`, ownerPhone: '' },
      7,
    );
    expect(both.errors).toEqual([]);
    expect(both.house?.owners.map((o) => [o.name, o.idNumber, o.phone])).toEqual([
      ['张三', ID1, ''],
      ['李四', ID2, ''],
    ]);
    expect(problems({ ownerName: '张三；李四', ownerIdType: '居民身份证；护照', ownerIdNumber: `${ID1}；`, ownerPhone: '' })).toEqual([
      '证件号码: 第 2 位业主：证件号码不能为空',
    ]);
    expect(
      problems({ ownerName: '张三；李四', ownerIdType: '居民身份证；驾驶证', ownerIdNumber: `${ID1}；123`, ownerPhone: '13812345678；12' }),
    ).toEqual([
      '证件类型: 第 2 位业主：证件类型须为：居民身份证、护照、港澳居民来往内地通行证、台湾居民来往大陆通行证、外国人永久居留身份证、统一社会信用代码',
      '手机号: 第 2 位业主：手机号须为 11 位数字，以 1 开头',
    ]);
  });

  it('R-14 the owners’ names, ID types, numbers and phones must come in equal numbers', () => {
    const mismatch = '业主姓名: 多个业主用“；”分隔，姓名、证件类型、证件号码（及手机号）的个数须一致';
    expect(problems({ ownerName: '张三；李四' })).toEqual([mismatch]);
    expect(problems({ ownerName: '张三；李四', ownerIdType: '护照；护照' })).toEqual([mismatch]);
    expect(problems({ ownerName: '张三；李四', ownerIdType: '护照；护照', ownerIdNumber: 'E1；E2' })).toEqual([mismatch]);
    expect(problems({ ownerName: '', ownerIdType: '', ownerIdNumber: '', ownerPhone: '13812345678' })).toEqual([mismatch]);
    expect(problems({ ownerName: '', ownerIdType: '', ownerIdNumber: ID1, ownerPhone: '' })).toEqual([mismatch]);
    expect(problems({ ownerName: '', ownerIdType: '护照', ownerIdNumber: '', ownerPhone: '' })).toEqual([mismatch]);
  });

  it('R-14 an unsold house has no owners', () => {
    expect(problems({ salesStatus: '未售' })).toEqual(['业主姓名: 未售房屋不能填写业主']);
  });
});

describe('R-14 an owner on a row', () => {
  const owner = { name: '张三', idType: '居民身份证', idNumber: ID1, phone: '' };
  it('R-14 names up to 50 characters, a listed ID type, a valid 居民身份证 number, an optional mobile', () => {
    expect(checkOwner(owner)).toEqual({});
    expect(checkOwner({ ...owner, name: '张'.repeat(50) })).toEqual({});
    expect(checkOwner({ ...owner, name: ' ' })).toEqual({ name: '业主姓名不能为空' });
    expect(checkOwner({ ...owner, name: '张'.repeat(51) })).toEqual({ name: '业主姓名不能超过 50 个字符' });
    expect(checkOwner({ ...owner, idNumber: ' ' })).toEqual({ idNumber: '证件号码不能为空' });
    expect(checkOwner({ ...owner, idNumber: '110105194912310021' })).toEqual({
      idNumber: '居民身份证号须为 18 位，出生日期有效且校验位正确',
    });
    expect(checkOwner({ ...owner, idType: '护照', idNumber: 'E12345678' })).toEqual({});
    expect(checkOwner({ ...owner, phone: ' 13812345678 ' })).toEqual({});
    expect(checkOwner({ ...owner, phone: '1381234567' })).toEqual({ phone: '手机号须为 11 位数字，以 1 开头' });
  });
});

describe('R-14 duplicate houses', () => {
  const house = (building: string, unit: string, room: string) => ({ building, unit, room }) as ParsedHouse;
  it('R-14 a later row of the same house names the first; a house already registered is named as such', () => {
    const rows = [
      { rowNo: 2, house: house('1栋', '', '101') },
      { rowNo: 3, house: house('1栋', '', '１０１') },
      { rowNo: 4, house: house('1栋', '1', '01') },
      { rowNo: 5, house: house('2栋', '', '101') },
      { rowNo: 6, house: house('1栋', '', '101') },
    ];
    expect(duplicateErrors(rows, new Set([`2栋\u0000\u0000101`]))).toEqual([
      { row: 3, column: '房号', message: '房屋 1栋１０１ 与第 2 行重复' },
      { row: 5, column: '房号', message: '房屋 2栋101 已在登记系统中存在' },
      { row: 6, column: '房号', message: '房屋 1栋101 与第 2 行重复' },
    ]);
  });

  it('R-14 one owner’s problems carry no owner number; an empty co-owner name is named; limits count trimmed text', () => {
    expect(problems({ ownerPhone: '1381234567' })).toEqual(['手机号: 手机号须为 11 位数字，以 1 开头']);
    expect(problems({ ownerName: '张三；', ownerIdType: '护照；护照', ownerIdNumber: 'E1；E2', ownerPhone: '' })).toEqual([
      '业主姓名: 第 2 位业主：业主姓名不能为空',
    ]);
    expect(checkOwner({ name: ` ${'张'.repeat(50)} `, idType: '护照', idNumber: 'E1', phone: '' })).toEqual({});
    expect(problems({ buildingArea: '50000', innerArea: '50000' })).toEqual([]);
  });
});
