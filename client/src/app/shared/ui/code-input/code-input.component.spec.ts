import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { CodeInputComponent } from './code-input.component';

@Component({
  imports: [CodeInputComponent],
  template: `<wit-code-input [(value)]="code" (completed)="completed.push($event)" />`,
})
class HostComponent {
  readonly code = signal('');
  readonly completed: string[] = [];
}

function pasteEvent(text: string): Event {
  const event = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'clipboardData', { value: { getData: () => text } });
  return event;
}

describe('CodeInputComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let host: HostComponent;
  let boxes: HTMLInputElement[];

  beforeEach(async () => {
    localStorage.clear();
    fixture = TestBed.createComponent(HostComponent);
    host = fixture.componentInstance;
    await fixture.whenStable();
    boxes = Array.from(fixture.nativeElement.querySelectorAll('[data-testid="code-input"] input'));
  });

  function type(index: number, value: string): void {
    boxes[index].value = value;
    boxes[index].dispatchEvent(new Event('input', { bubbles: true }));
  }

  it('renders six labelled single-digit boxes', () => {
    expect(boxes).toHaveLength(6);
    expect(boxes[0].getAttribute('autocomplete')).toBe('one-time-code');
    expect(boxes.every((b) => b.getAttribute('aria-label'))).toBe(true);
  });

  it('fills every box when a whole code is pasted into any box, and submits it once', async () => {
    boxes[3].dispatchEvent(pasteEvent(' 123-456 '));
    await fixture.whenStable();

    expect(boxes.map((b) => b.value)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(host.code()).toBe('123456');
    expect(host.completed).toEqual(['123456']);
  });

  it('advances on typing and auto-submits when the last digit arrives', async () => {
    for (const [i, d] of ['9', '8', '7', '6', '5'].entries()) type(i, d);
    expect(host.completed).toEqual([]);
    expect(document.activeElement).toBe(boxes[5]);

    type(5, '4');
    await fixture.whenStable();
    expect(host.code()).toBe('987654');
    expect(host.completed).toEqual(['987654']);
  });

  it('ignores non-digits', () => {
    type(0, 'a');
    expect(boxes[0].value).toBe('');
    expect(host.code()).toBe('');
  });

  it('Backspace in an empty box clears the previous one and moves back', () => {
    type(0, '1');
    type(1, '2');
    boxes[2].focus();
    boxes[2].dispatchEvent(new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true, cancelable: true }));

    expect(document.activeElement).toBe(boxes[1]);
    expect(boxes[1].value).toBe('');
    expect(host.code()).toBe('1');
  });

  it('clears the boxes when the parent resets the value', async () => {
    boxes[0].dispatchEvent(pasteEvent('123456'));
    await fixture.whenStable();
    host.code.set('');
    await fixture.whenStable();
    expect(boxes.map((b) => b.value)).toEqual(['', '', '', '', '', '']);
  });
});
