import { describe, expect, it } from 'vitest';
import { chosenHouse } from './OwnerBindPage';

describe('F-80 the binding page opened from a letter’s QR code', () => {
  it('F-80 takes the area, building and house the QR path names as the form’s first values', () => {
    expect(chosenHouse(new URLSearchParams('area=3&building=17&house=905'))).toEqual({ areaId: 3, buildingId: 17, houseId: 905 });
  });

  it('F-80 chooses nothing when an id is missing or not a positive whole number', () => {
    for (const q of ['', 'area=3&building=17', 'area=3&building=x&house=905', 'area=0&building=1&house=2', 'area=1.5&building=1&house=2']) {
      expect(chosenHouse(new URLSearchParams(q))).toEqual({});
    }
  });
});
