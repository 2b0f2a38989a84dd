/**
 * no-leaked-socket and `this` in a listener (lifecycle/effects.ts isDischargingThisCallback): Node
 * calls an emitter's listeners with `this` bound to the emitter, so a `function` (not an arrow)
 * given to the socket's own method, or to the call that creates it (a connect callback is a
 * 'connect' listener), can close the socket through `this`. Arrows, nested functions and other
 * calls' callbacks have another `this`.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { discardedLeak, endLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // The connect callback of the creating call.
    `
import * as net from 'node:net';
export function greet(port: number): void {
  net.connect(port, function (this: net.Socket) {
    this.end('hello');
  });
}
`,
    // A listener registered in the creation's own chain, through a fluent setTimeout.
    `
import * as net from 'node:net';
export function greet(port: number): void {
  net.connect(port).setTimeout(1000).once('timeout', function (this: net.Socket) {
    this.destroy();
  });
}
`,
    // A listener registered on the variable.
    `
import * as net from 'node:net';
export function greet(port: number): void {
  const socket = net.connect(port);
  socket.on('connect', function (this: net.Socket) {
    this.end('hello');
  });
}
`,
    // setTimeout's callback is a 'timeout' listener.
    `
import * as net from 'node:net';
export function greet(port: number): void {
  const socket = net.connect(port);
  socket.setTimeout(1000, function (this: net.Socket) {
    this.destroy();
  });
  socket.write('hello');
}
`,
    // The connect callback of a socket made with `new` and connected here.
    `
import * as net from 'node:net';
export function greet(port: number): void {
  const socket = new net.Socket();
  socket.connect({ port }, function (this: net.Socket) {
    this.end('hello');
  });
}
`,
    // A callback given to a fluent call of the creating chain, the socket held in a variable.
    `
import * as net from 'node:net';
export function greet(port: number): void {
  const socket = net.connect(port).setTimeout(1000, function (this: net.Socket) {
    this.destroy();
  });
  socket.write('hello');
}
`,
    // A named function as the listener.
    `
import * as net from 'node:net';
function endThis(this: net.Socket): void {
  this.end();
}
export function greet(port: number): void {
  const socket = net.connect(port);
  socket.on('connect', endThis);
}
`,
    // JavaScript: \`var self = this\`.
    {
      filename: 'script.js',
      code: `
const net = require('net');
exports.greet = function greet(port) {
  const socket = net.connect(port);
  socket.on('connect', function () {
    var self = this;
    self.end('hello');
  });
};
`,
    },
    // JavaScript, where `this` has no annotation.
    {
      filename: 'script.js',
      code: `
const net = require('net');
exports.greet = function greet(port) {
  net.connect(port, function () {
    this.end('hello');
  });
};
`,
    },
  ],
  invalid: [
    // The callback writes through `this` and never closes it.
    {
      code: `
import * as net from 'node:net';
export function greet(port: number): void {
  net.connect(port, function (this: net.Socket) {
    this.write('hello');
  });
}
`,
      errors: [discardedLeak(4, 3, 'net.Socket')],
    },
    // An arrow's `this` is not the socket.
    {
      code: `
import * as net from 'node:net';
export class Greeter {
  greet(port: number): void {
    const socket = net.connect(port);
    socket.on('connect', () => {
      (this as unknown as net.Socket).end('hello');
    });
  }
}
`,
      errors: [endLeak(5, 20, 'The net.Socket `socket` created on line 5')],
    },
    // A function nested in the listener has a `this` of its own.
    {
      code: `
import * as net from 'node:net';
export function greet(port: number): void {
  const socket = net.connect(port);
  socket.on('connect', function () {
    setImmediate(function (this: net.Socket) {
      this.end('hello');
    });
  });
}
`,
      errors: [endLeak(4, 18, 'The net.Socket `socket` created on line 4')],
    },
    // `self` is the `this` of the function it was taken in, not of the one it is used in.
    {
      code: `
import * as net from 'node:net';
export function greet(port: number): void {
  const socket = net.connect(port);
  socket.on('connect', function () {
    const self = this;
    setImmediate(function (this: net.Socket) {
      self.write('hello');
      this.end();
    });
  });
}
`,
      errors: [endLeak(4, 18, 'The net.Socket `socket` created on line 4')],
    },
    // A callback given to another function is not the socket's listener.
    {
      code: `
import * as net from 'node:net';
declare function later(callback: (this: net.Socket) => void): void;
export function greet(port: number): void {
  const socket = net.connect(port);
  later(function () {
    this.end('hello');
  });
  socket.write('hello');
}
`,
      errors: [endLeak(5, 18, 'The net.Socket `socket` created on line 5')],
    },
  ],
});
