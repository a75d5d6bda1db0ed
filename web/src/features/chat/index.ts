export { ChatRoomPage } from './chat-room-page';
export { ChatsPage } from './chats-page';
export { partnerOf, useChatRooms } from './use-chat-rooms';
