import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsId } from './is-id.decorator';

class Body {
  @IsId() userId!: string;
  @IsId({ each: true }) ids!: string[];
}

const A = '3B77C910-FC73-4BA3-A541-6D0CADEC9A52';
const B = 'af30067e-ca2b-44a7-9815-aaca50ae4520';

describe('IsId', () => {
  it('hands on every id in its canonical lower-case form', async () => {
    const body = plainToInstance(Body, { userId: A, ids: [A, B] });
    expect(await validate(body)).toEqual([]);
    expect(body.userId).toBe(A.toLowerCase());
    expect(body.ids).toEqual([A.toLowerCase(), B]);
  });

  it('refuses what is not a UUID, naming the field, whatever its type', async () => {
    for (const bad of [
      { userId: 'x', ids: [B] },
      { userId: 42, ids: [B] },
      { userId: B, ids: [B, 'nope'] },
    ]) {
      const errors = await validate(plainToInstance(Body, bad));
      expect(errors.map((e) => e.property)).toHaveLength(1);
      expect(Object.values(errors[0].constraints ?? {})[0]).toMatch(/must be a UUID/);
    }
  });
});
