// Two people sign up, open a chat room and talk in real time through a running server.
//
//   npm start                                  (in another terminal: the server on :3000)
//   npm run build -w sdk && node sdk/examples/chat.mjs [http://localhost:3000]
import { randomUUID } from 'node:crypto';
import { createIcebreaker } from '@icebreaker/sdk';

const baseUrl = process.argv[2] ?? 'http://localhost:3000';
const alice = createIcebreaker({ baseUrl });
const bob = createIcebreaker({ baseUrl });

const tag = randomUUID().slice(0, 8);
const password = 'correct horse battery';
await alice.register({ email: `alice-${tag}@example.com`, password, displayName: 'Alice' });
await bob.register({ email: `bob-${tag}@example.com`, password, displayName: 'Bob' });
const room = await alice.api.chat.createChatRoom({ body: { participant2Id: bob.userId } });

const conversation = [
  [alice, 'Hi Bob! Fancy a coffee near the station?'],
  [bob, 'Hi Alice, gladly. In ten minutes?'],
  [alice, 'Perfect, see you there.'],
];
const names = new Map([
  [alice.userId, 'Alice'],
  [bob.userId, 'Bob'],
]);

// Each prints what reaches them over the WebSocket: their partner's typing and every message.
let received = 0;
const done = new Promise((resolve) => {
  for (const [me, other] of [
    [alice, bob],
    [bob, alice],
  ]) {
    me.realtime.on('typing', ({ userIds }) => {
      if (userIds.includes(other.userId))
        console.log(`  (${names.get(me.userId)} sees ${names.get(other.userId)} typing…)`);
    });
    me.realtime.on('message.created', (message) => {
      if (message.senderId === me.userId) return;
      console.log(
        `${names.get(me.userId)} got #${message.seq} from ${names.get(message.senderId)}: ${message.content}`,
      );
      if (++received === conversation.length) resolve();
    });
  }
});

for (const client of [alice, bob]) client.realtime.connect();
await Promise.all([alice, bob].map((client) => online(client)));

for (const [sender, text] of conversation) {
  sender.realtime.typing(room.id);
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Through the outbox: kept and retried if the network drops, sent once thanks to its clientMessageId.
  const item = await sender.outbox.sendMessage({ chatRoomId: room.id, content: text });
  await sender.outbox.whenSent(item);
}
await done;

await bob.outbox.whenSent(await bob.outbox.markRead(room.id, conversation.length));
const [aliceRoom] = (await alice.api.chat.listChatRooms()).items;
console.log(`Bob has read everything; Alice's room shows ${aliceRoom.lastMessage.content}`);

await Promise.all([alice, bob].map((client) => client.logout()));
await Promise.all([alice, bob].map((client) => client.close()));

function online(client) {
  return new Promise((resolve) => {
    if (client.realtime.status === 'online') return resolve();
    const stop = client.realtime.on('status', (status) => {
      if (status === 'online') {
        stop();
        resolve();
      }
    });
  });
}
