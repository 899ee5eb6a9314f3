import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { ComposerComponent, type ComposerSend } from './composer.component';

@Component({
  imports: [ComposerComponent],
  template: `<wit-composer roomId="r1" (send)="sent.push($event)" (typing)="typing.push($event)" />`,
})
class HostComponent {
  readonly sent: ComposerSend[] = [];
  readonly typing: boolean[] = [];
}

describe('ComposerComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let host: HostComponent;
  let box: HTMLTextAreaElement;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    fixture = TestBed.createComponent(HostComponent);
    host = fixture.componentInstance;
    await fixture.whenStable();
    box = fixture.nativeElement.querySelector('[data-testid="composer-input"]');
  });

  function type(value: string): void {
    box.value = value;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function key(init: KeyboardEventInit): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
    box.dispatchEvent(event);
    return event;
  }

  it('sends on Enter and clears the box', async () => {
    type('hello there');
    const event = key({ key: 'Enter' });
    await fixture.whenStable();
    expect(event.defaultPrevented).toBe(true);
    expect(host.sent).toEqual([{ content: 'hello there', image: null }]);
    expect(box.value).toBe('');
  });

  it('Shift+Enter breaks the line instead of sending', () => {
    type('line one');
    const event = key({ key: 'Enter', shiftKey: true });
    expect(event.defaultPrevented).toBe(false);
    expect(host.sent).toEqual([]);
  });

  it('does not send while an IME composition is in progress', () => {
    type('こんにちは');
    key({ key: 'Enter', isComposing: true });
    expect(host.sent).toEqual([]);
  });

  it('does not send empty or whitespace-only text', async () => {
    type('   \n  ');
    key({ key: 'Enter' });
    await fixture.whenStable();
    expect(host.sent).toEqual([]);
    const send: HTMLButtonElement = fixture.nativeElement.querySelector('[data-testid="composer-send"]');
    expect(send.disabled).toBe(true);
  });

  it('the send button sends too, and typing is reported while text is entered', async () => {
    type('x');
    await fixture.whenStable();
    (fixture.nativeElement.querySelector('[data-testid="composer-send"]') as HTMLButtonElement).click();
    expect(host.sent).toHaveLength(1);
    expect(host.typing).toEqual([true]);
    box.dispatchEvent(new Event('blur'));
    expect(host.typing).toEqual([true, false]);
  });
});
