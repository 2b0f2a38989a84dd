/**
 * no-leaked-socket and CommonJS interop (lifecycle/module-interop.ts): JavaScript that requires a
 * package typed as an ES module with a default export (`const Redis = require('ioredis')`) and
 * constructs or calls what it gets. TypeScript types that value as the module object, which has no
 * signatures; at run time the package's CommonJS entry is its default export, and the code only
 * works if so. The creation is read through the default, for `new` and for calls, declared or of
 * the program, and for factories that return it. A module object with no such default creates
 * nothing.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { discardedLeak, endLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const redisRelease = 'quit() or disconnect()';

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // Closed with quit().
    {
      filename: 'script.js',
      code: `const Redis = require('ioredis');
async function read(key) {
  const redis = new Redis();
  const value = await redis.get(key);
  await redis.quit();
  return value;
}
module.exports = { read };
`,
    },
    // Closed in a listener.
    {
      filename: 'script.js',
      code: `const Redis = require('ioredis');
function ping() {
  const redis = new Redis();
  redis.on('ready', () => redis.disconnect());
}
module.exports = { ping };
`,
    },
    // Returned: the caller owns it.
    {
      filename: 'script.js',
      code: `const Redis = require('ioredis');
function connect(port) {
  return new Redis(port);
}
module.exports = { connect };
`,
    },
    // The default of a program module, called and closed.
    {
      filename: 'script.js',
      code: `const openDefault = require('./default-export');
function greet(port) {
  const socket = openDefault(port);
  socket.end('hello');
}
module.exports = { greet };
`,
    },
    // A duplicate of a client made so, closed with it.
    {
      filename: 'script.js',
      code: `const Redis = require('ioredis');
async function publish(channel, message) {
  const redis = new Redis();
  const publisher = redis.duplicate();
  await publisher.publish(channel, message);
  await publisher.quit();
  await redis.quit();
}
module.exports = { publish };
`,
    },
    // A module with named exports only: calling its object calls nothing we know of.
    {
      filename: 'script.js',
      code: `const factory = require('./factory');
function greet(port) {
  const socket = factory(port);
  socket.write('hello');
}
module.exports = { greet };
`,
    },
  ],
  invalid: [
    // The ioredis class, constructed through the module object.
    {
      filename: 'script.js',
      code: `const Redis = require('ioredis');
function read(key, done) {
  const redis = new Redis();
  redis.get(key, done);
}
module.exports = { read };
`,
      errors: [endLeak(3, 17, 'The ioredis.Redis `redis` created on line 3', 'the function', redisRelease)],
    },
    // Constructed where it is required, and dropped.
    {
      filename: 'script.js',
      code: `function ping() {
  new (require('ioredis'))();
}
module.exports = { ping };
`,
      errors: [discardedLeak(2, 3, 'ioredis.Redis', redisRelease)],
    },
    // A factory of the file that constructs it: its caller owns the client.
    {
      filename: 'script.js',
      code: `const Redis = require('ioredis');
function connect(port) {
  return new Redis(port);
}
function read(key, done) {
  const redis = connect(6380);
  redis.get(key, done);
}
module.exports = { read };
`,
      errors: [endLeak(6, 17, 'The ioredis client `redis` created on line 6', 'the function', redisRelease)],
    },
    // A duplicate of a client made so is a connection of its own (its methods are the class's).
    {
      filename: 'script.js',
      code: `const Redis = require('ioredis');
async function publish(channel, message) {
  const redis = new Redis();
  const publisher = redis.duplicate();
  await publisher.publish(channel, message);
  await redis.quit();
}
module.exports = { publish };
`,
      errors: [endLeak(4, 21, 'The ioredis.Redis `publisher` created on line 4', 'the function', redisRelease)],
    },
    // The default of a program module, called.
    {
      filename: 'script.js',
      code: `const openDefault = require('./default-export');
function greet(port) {
  const socket = openDefault(port);
  socket.write('hello');
}
module.exports = { greet };
`,
      errors: [endLeak(3, 18, 'The net.Socket `socket` created on line 3')],
    },
    // A declared default, called.
    {
      filename: 'script.js',
      code: `const openDeclared = require('./default-declared');
function greet(port) {
  const socket = openDeclared(port);
  socket.write('hello');
}
module.exports = { greet };
`,
      errors: [endLeak(3, 18, 'The net.Socket `socket` created on line 3')],
    },
  ],
});
