/** The languages of the resident page: those the residents of the Ghent centres read, and the city's. */
export const PAGE_LANGUAGES = ["uk", "ru", "nl", "en"] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export const FEEDBACK_CATEGORIES = ["COMPLAINT", "SUGGESTION", "QUESTION", "COMPLIMENT"] as const;
export type ResidentCategory = (typeof FEEDBACK_CATEGORIES)[number];

export interface PageTexts {
  languageName: string;
  title: string;
  intro: string;
  anonymity: string;
  pickLanguage: string;
  category: string;
  categories: Record<ResidentCategory, string>;
  message: string;
  messageLanguage: string;
  send: string;
  thanksTitle: string;
  thanks: string;
  another: string;
  rateLimited: string;
  tooLong: string;
  invalid: string;
  notFound: string;
  unavailable: string;
}

export const TEXTS: Record<PageLanguage, PageTexts> = {
  uk: {
    languageName: "Українська",
    title: "Відгук для вашого центру",
    intro: "Розкажіть, що не так, що можна покращити, поставте запитання або подякуйте.",
    anonymity:
      "Ця форма анонімна: ми не питаємо, хто ви, і не зберігаємо нічого про ваш телефон. Не пишіть свого імені чи номера кімнати, якщо хочете залишитися анонімними.",
    pickLanguage: "Мова",
    category: "Тип",
    categories: { COMPLAINT: "Скарга", SUGGESTION: "Пропозиція", QUESTION: "Запитання", COMPLIMENT: "Подяка" },
    message: "Ваше повідомлення",
    messageLanguage: "Мова повідомлення",
    send: "Надіслати",
    thanksTitle: "Дякуємо",
    thanks:
      "Ваше повідомлення отримано. Команда центру прочитає його та відповість на зборах мешканців або на дошці оголошень.",
    another: "Надіслати ще одне повідомлення",
    rateLimited: "Забагато повідомлень з цього пристрою. Спробуйте ще раз за кілька хвилин.",
    tooLong: "Повідомлення задовге (щонайбільше 2000 символів).",
    invalid: "Будь ласка, напишіть повідомлення та виберіть його тип.",
    notFound: "Такої сторінки відгуків не існує. Перевірте код на плакаті у вашому центрі.",
    unavailable: "Сервіс зараз недоступний. Спробуйте пізніше.",
  },
  ru: {
    languageName: "Русский",
    title: "Отзыв для вашего центра",
    intro: "Расскажите, что не так, что можно улучшить, задайте вопрос или поблагодарите.",
    anonymity:
      "Эта форма анонимна: мы не спрашиваем, кто вы, и не храним ничего о вашем телефоне. Не пишите своё имя или номер комнаты, если хотите остаться анонимными.",
    pickLanguage: "Язык",
    category: "Тип",
    categories: { COMPLAINT: "Жалоба", SUGGESTION: "Предложение", QUESTION: "Вопрос", COMPLIMENT: "Благодарность" },
    message: "Ваше сообщение",
    messageLanguage: "Язык сообщения",
    send: "Отправить",
    thanksTitle: "Спасибо",
    thanks:
      "Ваше сообщение получено. Команда центра прочитает его и ответит на собрании жителей или на доске объявлений.",
    another: "Отправить ещё одно сообщение",
    rateLimited: "Слишком много сообщений с этого устройства. Попробуйте ещё раз через несколько минут.",
    tooLong: "Сообщение слишком длинное (не более 2000 символов).",
    invalid: "Пожалуйста, напишите сообщение и выберите его тип.",
    notFound: "Такой страницы отзывов не существует. Проверьте код на плакате в вашем центре.",
    unavailable: "Сервис сейчас недоступен. Попробуйте позже.",
  },
  nl: {
    languageName: "Nederlands",
    title: "Feedback voor uw centrum",
    intro: "Vertel ons wat er mis is of wat beter kan, stel een vraag of zeg dank u.",
    anonymity:
      "Dit formulier is anoniem: we vragen niet wie u bent en bewaren niets over uw telefoon. Schrijf uw naam of kamernummer niet op als u anoniem wilt blijven.",
    pickLanguage: "Taal",
    category: "Soort",
    categories: { COMPLAINT: "Klacht", SUGGESTION: "Suggestie", QUESTION: "Vraag", COMPLIMENT: "Compliment" },
    message: "Uw bericht",
    messageLanguage: "Taal van uw bericht",
    send: "Versturen",
    thanksTitle: "Dank u",
    thanks:
      "Uw bericht is ontvangen. Het team van het centrum leest het en antwoordt op de bewonersvergadering of op het prikbord.",
    another: "Nog een bericht sturen",
    rateLimited: "Te veel berichten van dit toestel. Probeer het over enkele minuten opnieuw.",
    tooLong: "Het bericht is te lang (hoogstens 2000 tekens).",
    invalid: "Schrijf een bericht en kies de soort.",
    notFound: "Deze feedbackpagina bestaat niet. Controleer de code op de affiche in uw centrum.",
    unavailable: "De dienst is nu niet beschikbaar. Probeer het later opnieuw.",
  },
  en: {
    languageName: "English",
    title: "Feedback for your centre",
    intro: "Tell us what is wrong or could be better, ask a question, or say thank you.",
    anonymity:
      "This form is anonymous: we do not ask who you are and keep nothing about your phone. Do not write your name or room number if you want to stay anonymous.",
    pickLanguage: "Language",
    category: "Type",
    categories: { COMPLAINT: "Complaint", SUGGESTION: "Suggestion", QUESTION: "Question", COMPLIMENT: "Compliment" },
    message: "Your message",
    messageLanguage: "Language of your message",
    send: "Send",
    thanksTitle: "Thank you",
    thanks:
      "Your message was received. The centre's team will read it and answer at the residents' meeting or on the notice board.",
    another: "Send another message",
    rateLimited: "Too many messages from this device. Please try again in a few minutes.",
    tooLong: "The message is too long (at most 2000 characters).",
    invalid: "Please write a message and choose its type.",
    notFound: "This feedback page does not exist. Check the code on the poster in your centre.",
    unavailable: "The service is not available right now. Please try again later.",
  },
};

export function isPageLanguage(value: unknown): value is PageLanguage {
  return typeof value === "string" && (PAGE_LANGUAGES as readonly string[]).includes(value);
}
