import { renderDigest } from './unread-digest.template';

const convo = (from: string, count: number) => ({ roomId: 'r-' + from, from, count, preview: 'hi' });

describe('renderDigest plurals', () => {
  it.each([
    [1, 'У вас 1 непрочитане повідомлення в World IT'],
    [2, 'У вас 2 непрочитані повідомлення в World IT'],
    [5, 'У вас 5 непрочитаних повідомлень в World IT'],
    [11, 'У вас 11 непрочитаних повідомлень в World IT'],
    [21, 'У вас 21 непрочитане повідомлення в World IT'],
    [22, 'У вас 22 непрочитані повідомлення в World IT'],
  ])('Ukrainian subject for %i', (n, subject) => {
    expect(renderDigest('uk', 'Оля', [convo('Богдан', n)], 'http://x').subject).toBe(subject);
  });

  it('Ukrainian lines agree with their count', () => {
    const { text } = renderDigest('uk', 'Оля', [convo('Богдан', 3), convo('Ірина', 1)], 'http://x');
    expect(text).toContain('Богдан: 3 нові повідомлення');
    expect(text).toContain('Ірина: 1 нове повідомлення');
  });

  it('English subject and lines', () => {
    expect(renderDigest('en', 'Ann', [convo('Bo', 1)], 'http://x').subject).toBe(
      'You have an unread message on World IT',
    );
    const { subject, text } = renderDigest('en', 'Ann', [convo('Bo', 2), convo('Cy', 1)], 'http://x');
    expect(subject).toBe('You have 3 unread messages on World IT');
    expect(text).toContain('Bo: 2 new messages');
    expect(text).toContain('Cy: 1 new message');
  });
});
