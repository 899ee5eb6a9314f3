import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { MessageTextComponent } from './message-text.component';

@Component({
  imports: [MessageTextComponent],
  template: `<wit-message-text [text]="text()" />`,
})
class HostComponent {
  readonly text = signal('');
}

async function render(text: string): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(HostComponent);
  fixture.componentInstance.text.set(text);
  await fixture.whenStable();
  return fixture.nativeElement.querySelector('wit-message-text');
}

describe('MessageTextComponent', () => {
  it('renders markup as text, never as HTML', async () => {
    const el = await render('<script>alert(1)</script><img src=x onerror="alert(2)"> <b>bold</b>');
    expect(el.querySelector('script, img, b')).toBeNull();
    expect(el.textContent).toBe('<script>alert(1)</script><img src=x onerror="alert(2)"> <b>bold</b>');
  });

  it('makes http(s) URLs safe external links', async () => {
    const el = await render('docs: https://angular.dev/guide/signals, thanks');
    const links = el.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute('href')).toBe('https://angular.dev/guide/signals');
    expect(links[0].getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(links[0].getAttribute('target')).toBe('_blank');
    expect(el.textContent).toBe('docs: https://angular.dev/guide/signals, thanks');
  });

  it('never links javascript: URLs', async () => {
    const el = await render('click javascript:alert(document.cookie) or JAVASCRIPT:void(0)');
    expect(el.querySelector('a')).toBeNull();
  });
});
