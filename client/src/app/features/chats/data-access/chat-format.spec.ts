import type { Message } from '@world-it/contracts';

import type { TranslationKey } from '../../../core/i18n/en';
import { en } from '../../../core/i18n/en';
import { ada, anna, makeMessage } from '../testing/fake-socket.service';
import { messagePreviewParts } from './chat-format';

const t = (key: TranslationKey, params?: Record<string, string | number>): string =>
  en[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ''));

const image = { id: 'i1', url: '/media/i1.jpg', thumbUrl: '/media/i1_t.jpg', width: 10, height: 10 };

describe('messagePreviewParts', () => {
  it('cuts the photo label out (text, no emoji) so the list can draw an icon before it', () => {
    const mine: Message = makeMessage({ roomId: 'r1', author: ada, content: 'look', image });
    expect(messagePreviewParts(mine, ada.id, 'direct', t)).toEqual({ before: 'You: ', photo: 'Photo', after: ' look' });

    const theirs = makeMessage({ roomId: 'r1', author: anna, content: '', image });
    expect(messagePreviewParts(theirs, ada.id, 'group', t)).toEqual({
      before: `${anna.displayName}: `,
      photo: 'Photo',
      after: '',
    });
  });

  it('leaves a text message whole', () => {
    const m = makeMessage({ roomId: 'r1', author: anna, content: 'hi  there' });
    expect(messagePreviewParts(m, ada.id, 'direct', t)).toEqual({ before: 'hi there', photo: null, after: '' });
  });
});
