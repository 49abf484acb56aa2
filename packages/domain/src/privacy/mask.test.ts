import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskName, maskPassport, maskPhone } from './mask';

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters and stars the rest, length preserved', () => {
    expect(maskIdNumber('330102199001011234')).toBe('330***********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber(' 11010519491231002X ')).toHaveLength(18);
  });

  it('stars a value too short to keep its ends', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('12345678')).toBe('123*5678');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskPassport', () => {
  it('keeps the first 2 and last 2 characters', () => {
    expect(maskPassport('E12345678')).toBe('E1*****78');
    expect(maskPassport('C01X00T47')).toBe('C0*****47');
  });

  it('stars a value too short to keep its ends', () => {
    expect(maskPassport('E123')).toBe('****');
    expect(maskPassport('')).toBe('');
  });
});

describe('maskName', () => {
  it('keeps the first character of a Chinese name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('阿卜杜·热合曼')).toBe('阿******');
  });

  it('counts a character outside the BMP as one', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**');
  });

  it('keeps the first letter of each word of a Latin name', () => {
    expect(maskName('John Smith')).toBe('J*** S****');
    expect(maskName('  Jean-Luc   Picard ')).toBe('J******* P*****');
    expect(maskName('Zoë')).toBe('Z**');
  });

  it('never returns a name unmasked', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('J K')).toBe('* *');
    expect(maskName(' ')).toBe('');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mainland mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
  });

  it('keeps the +86 prefix of a mobile number in any of its forms', () => {
    expect(maskPhone('+86 138 1234 5678')).toBe('+86 138****5678');
    expect(maskPhone('008613812345678')).toBe('+86 138****5678');
    expect(maskPhone('8613812345678')).toBe('+86 138****5678');
  });

  it('keeps only the last 4 characters of any other number', () => {
    expect(maskPhone('0577-88886666')).toBe('********6666');
    expect(maskPhone('+1 (202) 555-0123')).toBe('********0123');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('')).toBe('');
  });
});

describe('maskAddress', () => {
  it('keeps the first 6 characters and appends a fixed ****', () => {
    expect(maskAddress('浙江省温州市鹿城区五马街1号')).toBe('浙江省温州市****');
    expect(maskAddress('1600 Amphitheatre Parkway')).toBe('1600 A****');
  });

  it('keeps only the first half of a short address', () => {
    expect(maskAddress('北京市东城区')).toBe('北京市****');
    expect(maskAddress('北京')).toBe('北****');
    expect(maskAddress('京')).toBe('****');
    expect(maskAddress('')).toBe('');
  });
});
