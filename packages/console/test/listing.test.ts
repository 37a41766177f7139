import { describe, expect, it } from 'vitest';
import { designatedExchange, listingInput, venueName } from '../src/lib/listing';

/** The listing form's check before sending (profile setting `designatedExchange`: QHD §三(一)2; ZJC §三(五)4). */
describe('listing through a designated exchange', () => {
  const qhd = designatedExchange({ required: true, venue: '数据交易机构 | a data trading institution' });
  const hn = designatedExchange({ required: false, venue: '数据交易场所 | a data exchange' });

  it('reads the setting and names the venue in the user\'s language', () => {
    expect(qhd).toEqual({ required: true, venue: '数据交易机构 | a data trading institution' });
    expect(designatedExchange({ required: false, venue: null })).toEqual({ required: false, venue: null });
    expect(designatedExchange(null)).toBeNull();
    expect(venueName(qhd!.venue, 'zh')).toBe('数据交易机构');
    expect(venueName(qhd!.venue, 'en')).toBe('a data trading institution');
    expect(venueName('北方数据交易中心', 'en')).toBe('北方数据交易中心');
    expect(venueName(null, 'zh')).toBeNull();
  });

  it('requires the reference where the exchange is designated, and sends it trimmed', () => {
    expect(listingInput('p1', qhd, '  ')).toEqual({ problem: 'refMissing' });
    expect(listingInput('p1', qhd, ' QHD-2026-0001 ')).toEqual({ input: { productId: 'p1', exchangeListingRef: 'QHD-2026-0001' } });
    expect(listingInput('p1', qhd, '编'.repeat(201))).toEqual({ problem: 'refTooLong' });
    expect(listingInput('p1', qhd, '编'.repeat(200))).toEqual({ input: { productId: 'p1', exchangeListingRef: '编'.repeat(200) } });
  });

  it('lists without a reference where the exchange is only encouraged or not set', () => {
    expect(listingInput('p1', hn, '')).toEqual({ input: { productId: 'p1', exchangeListingRef: null } });
    expect(listingInput('p1', null, '')).toEqual({ input: { productId: 'p1', exchangeListingRef: null } });
  });
});
