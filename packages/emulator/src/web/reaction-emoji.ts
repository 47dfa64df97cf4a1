/**
 * The emoji of the messenger's reaction codes (the `imbot.v2.Chat.Message.Reaction.*` list); the chat
 * page shows any other code as its text.
 */
const emojiByReaction: ReadonlyMap<string, string> = new Map([
  ['like', '👍'],
  ['dislike', '👎'],
  ['faceWithTearsOfJoy', '😂'],
  ['redHeart', '❤️'],
  ['neutralFace', '😐'],
  ['fire', '🔥'],
  ['cry', '😢'],
  ['slightlySmilingFace', '🙂'],
  ['winkingFace', '😉'],
  ['laugh', '😆'],
  ['kiss', '😘'],
  ['wonder', '😲'],
  ['slightlyFrowningFace', '🙁'],
  ['loudlyCryingFace', '😭'],
  ['faceWithStuckOutTongue', '😛'],
  ['faceWithStuckOutTongueAndWinkingEye', '😜'],
  ['smilingFaceWithSunglasses', '😎'],
  ['confusedFace', '😕'],
  ['flushedFace', '😳'],
  ['thinkingFace', '🤔'],
  ['angry', '😠'],
  ['smilingFaceWithHorns', '😈'],
  ['faceWithThermometer', '🤒'],
  ['facepalm', '🤦'],
  ['poo', '💩'],
  ['flexedBiceps', '💪'],
  ['clappingHands', '👏'],
  ['raisedHand', '✋'],
  ['smilingFaceWithHeartEyes', '😍'],
  ['smilingFaceWithHearts', '🥰'],
  ['pleadingFace', '🥺'],
  ['relievedFace', '😌'],
  ['foldedHands', '🙏'],
  ['okHand', '👌'],
  ['signHorns', '🤘'],
  ['loveYouGesture', '🤟'],
  ['clownFace', '🤡'],
  ['partyingFace', '🥳'],
  ['questionMark', '❓'],
  ['exclamationMark', '❗'],
  ['lightBulb', '💡'],
  ['bomb', '💣'],
  ['sleepingSymbol', '💤'],
  ['crossMark', '❌'],
  ['whiteHeavyCheckMark', '✅'],
  ['eyes', '👀'],
  ['handshake', '🤝'],
  ['hundredPoints', '💯'],
])

/**
 * The emoji of a reaction code, `undefined` for a code the messenger does not know.
 *
 * @example
 * ```ts
 * import { reactionEmoji } from './reaction-emoji.ts'
 *
 * reactionEmoji('like') // '👍'
 * ```
 */
export function reactionEmoji(reaction: string): string | undefined {
  return emojiByReaction.get(reaction)
}
