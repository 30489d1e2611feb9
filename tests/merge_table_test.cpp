// Entity merging within one article (issue 6): pairs of names from real articles that must end up in one entity,
// and pairs that must stay apart. Each passage is built from sentences of samples/aleppo.txt, the news samples in
// ../shared/data/news-samples (NN) or ANERcorp's text (ANER), verbatim or shortened; the decisions were made by
// reading the Arabic (and the gold files in tests/data), not from isnad's output.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "entities.h"
#include "pipeline.h"

namespace {

struct MergeRow {
  const char* why;      // what makes the pair hard
  const char* passage;  // mentions both names
  const char* name_a;
  const char* name_b;
  bool same;            // true: one real-world entity; false: two
};

// clang-format off
const MergeRow kMergeRows[] = {
  // ---- must merge: transliteration variants (ج/غ, ى/ي, ة/ا, ي/ى, hamza), typos, full name ↔ surname, org short forms
  {"ج/غ transliteration (aleppo)", "ودعا قائد القوات الروسية، الجنرال فاليري جيراسيموف، زعماء الفصائل المسلحة إلى \"وقف الأعمال العدائية ومغادرة حلب بأسلحتهم\". وأضاف غيراسيموف \"نتوجه بشكل مباشر إلى جميع قادة الفصائل المسلحة بدعوة وقف أعمال القتال\".", "فاليري جيراسيموف", "غيراسيموف", true},
  {"ج/غ transliteration, two full names (aleppo)", "ودعا قائد القوات الروسية، الجنرال فاليري جيراسيموف، زعماء الفصائل المسلحة إلى مغادرة حلب. وقال رئيس هيئة الأركان العامة للقوات المسلحة الروسية، فاليري غيراسيموف، إن الهدنة تبدأ غدا.", "فاليري جيراسيموف", "فاليري غيراسيموف", true},
  {"ج/غ in first and last name (aleppo)", "قرر وزير الدفاع الروسي، سيرغي شويغو، بتكليف من القائد الأعلى للقوات المسلحة الروسية، فرض \"هدنة إنسانية\" في حلب. وكان وزير الدفاع الروسي سيرجي شويجو قد أعلن أن فشل الغرب في كبح جماح الإرهابيين المتطرفين في سوريا تسبب في إرجاء استئناف محادثات السلام.", "سيرغي شويغو", "سيرجي شويجو", true},
  {"ج/غ and final ى (aleppo, Egyptian spelling)", "قرر وزير الدفاع الروسي، سيرغي شويغو، فرض \"هدنة إنسانية\" في حلب. من جانبها انتقدت الخارجية الأمريكية، تصريحات وزير الدفاع الروسى سيرجى شويجو حول تأجيل العملية السياسية.", "سيرغي شويغو", "سيرجى شويجو", true},
  {"surname only after ج/غ variant (aleppo)", "وكان وزير الدفاع الروسي سيرجي شويجو قد أعلن إرجاء استئناف محادثات السلام. وقال غيراسيموف إن شويغو قرر فرض هدنة إنسانية في حلب.", "سيرجي شويجو", "شويغو", true},
  {"سورية/سوريا (aleppo, two outlets)", "شدد وزير الخارجية الروسي، سيرغي لافروف، على أنّ بلاده تريد تعاوناً \"صادقاً\" للتوصل إلى حل سياسي في سورية. وكان وزير الدفاع الروسي سيرجي شويجو قد أعلن أن فشل الغرب في كبح جماح الإرهابيين المتطرفين في سوريا تسبب في إرجاء استئناف محادثات السلام.", "سورية", "سوريا", true},
  {"الأمريكية/الأميركية (aleppo + ANER)", "من جانبها انتقدت الخارجية الأمريكية، تصريحات وزير الدفاع الروسى سيرجى شويجو. وأعلن المتحدث باسم الخارجية الأميركية شون ماكورماك أن الوزيرة كوندوليزا رايس ستزور المنطقة الأسبوع المقبل.", "الخارجية الأمريكية", "الخارجية الأميركية", true},
  {"hamza: الأمم/الامم (ANER)", "وقال عنان ان هذه الخطة التي تستند الي اقتراحات وفد الامم المتحدة يجب ان تشكل القاعدة السياسية لاي وقف دائم لاطلاق النار. وقال السنيورة إن الأفكار التي حملها من لبنان وفد الأمم المتحدة رفضتها إسرائيل.", "الامم المتحدة", "الأمم المتحدة", true},
  {"full name ↔ surname (aleppo)", "دعا الرئيس الروسي، فلاديمير بوتين، المعارضة السورية المسلحة إلى مغادرة حلب. وأضافت الوزارة أن بوتين أمر بوقف مؤقت للقتال من أجل تجنب \"سقوط ضحايا بلا جدوى\".", "فلاديمير بوتين", "بوتين", true},
  {"full name ↔ family name with article (aleppo)", "وفي سياق متصل أعرب الرئيس السوري، بشار الأسد عن ثقته بأن القوات الحكومية ستستعيد السيطرة على البلاد بأكملها. ووعد الأسد بعهد جديد من الانفتاح والشفافية والحوار الذي سيبزغ في سوريا.", "بشار الأسد", "الأسد", true},
  {"misspelt surname نتياهو (03)", "تبادل الرئيس التركي رجب طيب أردوغان الاتهامات مع رئيس الوزراء الإسرائيلي بنيامين نتنياهو. وفي تعليق له مرتبط \"بكذبة أبريل\" كتب نتياهو \"من الواضح أنهم يحتفلون بهذا الشكل بالأول من أبريل في أنقرة\".", "بنيامين نتنياهو", "نتياهو", true},
  {"misspelt surname دوتيتري (09)", "وكان دوتيرتي قد فرض في شباط/فبراير حظراً جزئياً على سفر العمال من بلاده إلى الكويت. وأعلن دوتيتري، الأحد، أن الحظر على سفر العمالة سيكون \"دائما\".", "دوتيرتي", "دوتيتري", true},
  {"ترامب/ترمب in one article (10)", "انتقد الدكتور محمد البرادعي تصريحات الرئيس الأمريكي دونالد ترامب. وقال البرادعي إن \"إعلان ترمب بزهو أن دولاً عربية كثيرة لا تستطيع العيش لمدة أسبوع دون الحماية الأمريكية أمر مهين\".", "دونالد ترامب", "ترمب", true},
  {"دانيلز/دانييلز (04)", "وفي وقت سابق، أنكر ترامب معرفته بدفع 130 ألف دولار إلى نجمة الأفلام الإباحية، ستورمي دانيلز، في إطار اتفاق مقابل صمتها. وتقول دانييلز إنها وترامب أقاما علاقة في عام 2006.", "ستورمي دانيلز", "دانييلز", true},
  {"ج/غ plus و: فيرغوسن/فيرجسون (ANER)", "أعلن مدرب نادي مانشستر يونايتد الإنجليزي أليكس فيرغوسن أنه يبحث عن لاعب لتعزيز خط الوسط. ونقلت هيئة الاذاعة البريطانية عن كينيون قوله ان البحث عن مدير فني جديد لمانشستر خلفا لفيرجسون سيبدأ في اوائل العام المقبل.", "أليكس فيرغوسن", "فيرجسون", true},
  {"ع/أ: عنان/أنان, Kofi Annan (ANER)", "وأعلن أنان أنه يحاول تسريع وصول قوات حفظ سلام إضافية تابعة للأمم المتحدة إلى جنوب لبنان. وقال عنان ان هذه الخطة يجب ان تشكل القاعدة السياسية لاي وقف دائم لاطلاق النار.", "أنان", "عنان", true},
  {"name with بن (06)", "قال المفوض السامي لحقوق الإنسان زيد بن رعد الحسين في خطاب ألقاه الجمعة إن الرد الإسرائيلي \"لم يكن متكافئا إطلاقا\". وأكد بن رعد الحسين أنه يؤيد الدعوة \"لتحقيق دولي مستقل\".", "زيد بن رعد الحسين", "بن رعد الحسين", true},
  {"name with and without بن (06)", "اعتبر المفوض السامي لحقوق الإنسان في الأمم المتحدة زيد رعد الحسين يوم الجمعة أن الرد الإسرائيلي \"لم يكن متكافئا إطلاقا\". لكن زيد بن رعد الحسين لم يستخدم هذا المصطلح بشكل واضح.", "زيد رعد الحسين", "زيد بن رعد الحسين", true},
  {"full name ↔ surname (04)", "انتقد الرئيس الأمريكي، دونالد ترامب، محاميه السابق مايكل كوهين. وتفيد تقارير بأن كوهين، الذي لم توجه إليه أي تهم حتى الآن، يخضع للتحقيق.", "مايكل كوهين", "كوهين", true},
  {"full name ↔ surname (04)", "وأوردت صحيفة \"نيويورك تايمز\" أن ترامب ومحاميه ناقشا دفع أموال إلى العارضة السابقة كارين مكدوغال. وتقول مكدوغال إن اتفاقية بقيمة 150 ألف دولار نصت على أن الصحيفة أصبحت تملك حق القصة.", "كارين مكدوغال", "مكدوغال", true},
  {"full name ↔ surname (02)", "أعلن الأمين العام للاتحاد العام التونسي للشغل نور الدين الطبوبي اليوم الاثنين أنه سيتم امضاء اتفاق ثلاثي. وأكد الطبوبي حرص الاتحاد على الحوار الاجتماعي.", "نور الدين الطبوبي", "الطبوبي", true},
  {"organisation short form (02)", "امضاء اتفاق ثلاثي بين الحكومة والاتحاد العام التونسي للشغل والاتحاد التونسي للصناعة والتجارة. وجدد الأمين العام لاتحاد الشغل التأكيد على انه لا يمكن القضاء على الفقر.", "الاتحاد العام التونسي للشغل", "اتحاد الشغل", true},
  {"organisation name and its acronym in parentheses (03)", "وأكدت حركة المقاومة الإسلامية (حماس) أن خمسة من أعضاء جناحها المسلح من بين القتلى. لكن ليبرمان رفض الاتهامات التي وجهت للقوات الإسرائيلية بعد إطلاق حماس مظاهرات على الحدود.", "حركة المقاومة الإسلامية", "حماس", true},
  {"full name ↔ surname (09)", "ورحب وزير الخارجية الفلبيني آلان بيتر كايتانو الثلاثاء بهذا الموقف. وقال كايتانو في بيان: \"هذه البادرة من جانب الكويت ستسمح لنا بالمضي قدما\".", "آلان بيتر كايتانو", "كايتانو", true},
  {"full name ↔ surname (03)", "في هذه الأثناء رفض وزير الدفاع الإسرائيلي أفيغدور ليبرمان التحقيق في مقتل الفلسطينيين. وقال ليبرمان \"لقد قام الجنود باللازم\".", "أفيغدور ليبرمان", "ليبرمان", true},
  {"agency with and without وكالة (aleppo)", "وذكر لافروف أنّه لا يزال ينتظر تطبيق هذه الأقوال، حسب وكالة \"فرانس برس\". وقالت فرانس برس إن الهدنة تبدأ غدا.", "وكالة فرانس برس", "فرانس برس", true},
  {"channel with and without قناة (aleppo)", "ونقلت قناة روسيا اليوم، عن الأسد قوله الثلاثاء \"إن السبب الحقيقي لما يجري فى البلاد هو إسقاط الحكومة\". وأضافت روسيا اليوم أن الأسد استقبل عددا من الصحفيين.", "قناة روسيا اليوم", "روسيا اليوم", true},
  {"full name ↔ surname (ANER)", "وقال رئيس الاتحاد برند جوتشولك عند إعلان آخر تقرير سنوي للاتحاد إن مستقبل السوق مازال يفتقر إلى الخطوط الواضحة. ورأى جوتشولك أنه يتعين أن يبلغ الحجم الاجمالي لصادرات السيارات هذا العام حوالي 4.3 مليون سيارة.", "برند جوتشولك", "جوتشولك", true},
  {"full name ↔ surname (ANER)", "رفض السودان تلويح وزيرة الخارجية الأميركية كوندوليزا رايس بالمواجهة. وكانت رايس قد حذرت الحكومة السودانية من \"عواقب وخيمة\".", "كوندوليزا رايس", "رايس", true},
  {"family name with بن, the first name dropped (07)", "ونقلت رويترز عن كاتب عام النقل بالاتحاد التونسي للشغل، المنصف بن رمضان قوله: \"قررنا تنفيذ إضراب يومين في الأول والثاني من أغسطس\". ولم يخض بن رمضان في التفاصيل المتعلقة بالمطالب، لكنه قال إن المحادثات جارية.", "المنصف بن رمضان", "بن رمضان", true},
  {"first name alone for a public figure (ANER)", "ودافعت هيلاري كلينتون بشدة عن زوجها الرئيس السابق في اطار الجدل الحاد القائم حول سياسة الإدارة الأمريكية الحالية. وقالت هيلاري \"انا متاكدة انه لو عرض على زوجي تقرير سري لتصرف\".", "هيلاري كلينتون", "هيلاري", true},
  {"the presidency speaking is its seat (05)", "أعلن الإليزيه الخميس أن الغداء الذي كان مقررا الجمعة في باريس مع رئيس الوزراء الإيطالي جوزيبي كونتي سيجري في موعده. وأوضحت الرئاسة الفرنسية في بيان أن ماكرون وكونتي سيبحثان ملف الهجرة.", "الإليزيه", "الرئاسة الفرنسية", true},
  {"a public figure's surname borne by another man named in full (ANER)", "ناشد السناتور الديمقراطي الاميركي جوزف ليبرمان الرئيس الاميركي جورج بوش اعادة النظر في سياسته ازاء الدول الاسلامية. وقال ليبرمان العائد من جولة في اسيا الوسطى وافغانستان إن الحملة الجديدة يجب ان تكافح الاستبداد.", "جوزف ليبرمان", "ليبرمان", true},
  {"first name ↔ full name (ANER)", "وأعلن جعفر الموسوي رئيس الادعاء العام في المحكمة الجنائية العليا ان صدام لن يمثل امام المحكمة اليوم. وقال بلير ان الرئيس العراقي صدام حسين يشكل تهديدا لبريطانيا.", "صدام", "صدام حسين", true},

  // ---- must stay apart: shared first names, shared words, close skeletons, org vs person vs place
  {"same first name سيرغي (aleppo)", "شدد وزير الخارجية الروسي، سيرغي لافروف، امس الأربعاء، على أنّ بلاده تريد تعاوناً \"صادقاً\". وقال غيراسيموف إن وزير الدفاع الروسي، سيرغي شويغو، قرر فرض \"هدنة إنسانية\" في حلب.", "سيرغي لافروف", "سيرغي شويغو", false},
  {"close skeletons كيري/كيربي (aleppo)", "وذكر لافروف أنّه تذكر كلمات وزير الخارجية الأميركي، جون كيري. وأكد المتحدث باسم الخارجية الأمريكية جون كيربي أن واشنطن تبذل جهودها من أجل استئناف اللقاءات السياسية.", "جون كيري", "جون كيربي", false},
  {"سعيد/سعد, two athletes (ANER)", "وكانت الميداليتان من نصيب لاعبينا ابراهيم سعد وسعيد جعفر.", "ابراهيم سعد", "سعيد جعفر", false},
  {"محمد بن زايد vs محمد البرادعي: shared first name", "ورحب الفريق أول سمو الشيخ محمد بن زايد آل نهيان خلال اللقاء بالوزير الياباني. وانتقد الدكتور محمد البرادعي تصريحات الرئيس الأمريكي دونالد ترامب.", "محمد بن زايد آل نهيان", "محمد البرادعي", false},
  {"زيد/زايد with بن, close skeletons (06, 08)", "قال المفوض السامي لحقوق الإنسان زيد بن رعد الحسين إن الرد الإسرائيلي \"لم يكن متكافئا إطلاقا\". وأظهرت الرسائل تذمر السفير القطري في العراق زايد بن سعيد الخيارين من سعي الميليشيات المتطرفة إلى سلب أموال قطر.", "زيد بن رعد الحسين", "زايد بن سعيد الخيارين", false},
  {"person sharing words with an armed group (aleppo, 02)", "وقال ياسر اليوسف، المتحدث باسم جماعة نور الدين زنكي، إن روسيا \"ليست جادة\". وأعلن الأمين العام للاتحاد العام التونسي للشغل نور الدين الطبوبي أنه سيتم امضاء اتفاق ثلاثي.", "جماعة نور الدين زنكي", "نور الدين الطبوبي", false},
  {"person vs party sharing الله (ANER)", "وأكد نصر الله ان هزيمة حزب الله الذي لا يقاتل نيابة عن أحد في هذه المواجهة هي هزيمة للأمة بأسرها.", "نصر الله", "حزب الله", false},
  {"party vs its namesake brigades (08)", "وتضيف \"واشنطن بوست\" أن دفع تلك الأموال شمل ميليشيات حزب الله اللبنانية. كما تظهر المراسلات أن قطر دفعت 150 مليون دولار لكتائب حزب الله العراق.", "حزب الله", "كتائب حزب الله", false},
  {"country vs TV channel (aleppo)", "وقال ياسر اليوسف إن روسيا \"ليست جادة\" في مباردتها الأخيرة. ونقلت قناة روسيا اليوم، عن الأسد قوله الثلاثاء إن السبب الحقيقي لما يجري فى البلاد هو إسقاط الحكومة.", "روسيا", "قناة روسيا اليوم", false},
  {"city vs newspaper (08)", "وقالت \"واشنطن بوست\" إنها تأكدت من دفع القطريين أموالا للإرهابيين. وبعث مندوب قطر لدى واشنطن، مشعل بن حمد آل ثاني، الشهر الماضي، رسالة.", "واشنطن بوست", "واشنطن", false},
  {"two chambers (01)", "ووافق مجلس الشيوخ في البرلمان بعد ظهر الجمعة على التعديل الدستوري. وكان يُفترض أن يقر مجلس النواب التعديل الدستوري، لكن التصويت أرجئ.", "مجلس الشيوخ", "مجلس النواب", false},
  {"two unions sharing الاتحاد التونسي (02)", "امضاء اتفاق ثلاثي بين الحكومة والاتحاد العام التونسي للشغل والاتحاد التونسي للصناعة والتجارة حول العمل اللائق.", "الاتحاد العام التونسي للشغل", "الاتحاد التونسي للصناعة والتجارة", false},
  {"UN vs UN Human Rights Council (06)", "قال زيد بن رعد الحسين في خطاب ألقاه الجمعة أمام مجلس الأمم المتحدة لحقوق الإنسان إن الرد \"لم يكن متكافئا إطلاقا\". وسينظر المجلس في مشروع قرار بتأييد 47 دولة في الأمم المتحدة.", "مجلس الأمم المتحدة لحقوق الإنسان", "الأمم المتحدة", false},
  {"countries sharing المتحدة (10)", "دبي، الإمارات العربية المتحدة (CNN)-- انتقد الدكتور محمد البرادعي تصريحات الرئيس الأمريكي دونالد ترامب التي طالب فيها الدول الثرية بأن تدفع المال للولايات المتحدة مقابل حمايتها.", "الإمارات العربية المتحدة", "الولايات المتحدة", false},
  {"person vs his administration (10)", "وتسعى إدارة ترامب إلى تشكيل قوة عربية لتحل محل القوة العسكرية الأمريكية في سوريا، وذلك بعد إعلان ترامب عن رغبته في سحب قواته من سوريا.", "إدارة ترامب", "ترامب", false},
  {"two Iraqi officials introduced by titles (ANER)", "وأعلن جعفر الموسوي رئيس الادعاء العام في المحكمة الجنائية العليا ان صدام لن يمثل امام المحكمة اليوم. واتهم رئيس مجلس محافظة صلاح الدين أحمد ناجي جبارة الجبوري تنظيم القاعدة بعدم التمييز بين العراقيين.", "جعفر الموسوي", "أحمد ناجي جبارة الجبوري", false},
  {"two presidents' surnames in one sentence (ANER)", "ورفض بوش وبلير القول ما اذا كانا ينويان طلب اعتماد قرار جديد لمجلس الامن.", "بوش", "بلير", false},
  {"Kuwait vs Philippine foreign ministry (09)", "من جهته، قال مساعد وزير الخارجية الكويتي السفير ناصر الصبيح للصحافيين الاثنين إن هناك سوء فهم. ويعمل نحو 262 ألف فلبيني في الكويت، وفق وزارة الخارجية في مانيلا.", "الكويت", "وزارة الخارجية", false},
  {"surname رمضان: two different men (ANER, 07)", "وقال رمضان ان \"الاصوات الرافضة للسياسة العدوانية ضد العراق تتصاعد يوميا\". ونقلت رويترز عن كاتب عام النقل بالاتحاد التونسي للشغل، المنصف بن رمضان قوله: \"قررنا تنفيذ إضراب يومين\".", "رمضان", "المنصف بن رمضان", false},
  {"husband and wife sharing a surname (ANER)", "واتهم البيت الابيض أمس الرئيس الأمريكي السابق بيل كلينتون بانه تجاهل التآكل البطيء لقدرات أجهزة الاستخبارات الأمريكية. ودافعت هيلاري كلينتون بشدة عن زوجها الرئيس السابق في اطار الجدل الحاد القائم حول سياسة الإدارة الأمريكية الحالية.", "بيل كلينتون", "هيلاري كلينتون", false},
  {"verb after لم before a family name with بن (07)", "ونقلت رويترز عن كاتب عام النقل بالاتحاد التونسي للشغل، المنصف بن رمضان قوله: \"قررنا تنفيذ إضراب يومين\". ولم يخض بن رمضان في التفاصيل المتعلقة بالمطالب.", "المنصف بن رمضان", "يخض بن رمضان", false},
  {"the presidency as an office vs its seat (10)", "ويواصل ترامب منذ حملة ترشحه للرئاسة الأمريكية وبعد وصوله إلى البيت الأبيض بمطالبة دول الخليج الثرية خاصة المملكة العربية السعودية بدفع المال.", "الرئاسة الأمريكية", "البيت الأبيض", false},
  {"a son and his father's foundation: lineages in reverse (ANER)", "استقبل سعادة الشيخ الدكتور محمد بن عيد آل ثاني وزير الدولة رئيس مجلس ادارة مؤسسة الشيخ عيد بن محمد آل ثاني الخيرية السيد يوسف اسلام ظهر امس بمبنى المؤسسة.", "محمد بن عيد آل ثاني", "عيد بن محمد آل ثاني", false},
  {"two players sharing a surname, joined by a lone surname (ANER)", "ومحمد مكاوي الذي سدد كرة من ركلة ثابتة صدها الحارس محمد شطناوي. واندفع الشباب بشكل متسرع نحو مرمى شطناوي. وتحرر ثنائي الوسط رضوان شطناوي وشهابات وواصل العجلوني والعزام انطلاقتهما.", "محمد شطناوي", "رضوان شطناوي", false},
  {"a body of the EU named with a ل-complement (ANER)", "وفي بروكسل قال رومانو برودي رئيس اللجنة التنفيذية للاتحاد الاوروبي ان طرح اليورو الاوروبي للتداول الفعلي ربما يتأخر.", "اللجنة التنفيذية", "الاتحاد الاوروبي", false},
  {"a news agency credited in brackets is no alias (ANER)", "الحكومة دعت فتح وحماس بصفة خاصة إلى الحوار على أساس وثيقة الوفاق (رويترز). وأعلنت الحكومة الفلسطينية حرصها على التجاوب مع الدعوة.", "الوفاق", "رويترز", false},
  {"two places in one conflict (03)", "ولقي 16 فلسطينيا مصرعهم برصاص القوات الإسرائيلية في المنطقة الحدودية مع قطاع غزة. لكن إسرائيل ترفع العدد إلى 8.", "قطاع غزة", "إسرائيل", false},
};
// clang-format on

isnad::Document run_passage(const char* passage) {
  isnad::ArticleInput in;
  in.id = "t";
  in.text = isnad::to_u32(passage);
  in.dct = "2016-11-03";
  in.dct_source = "given";
  return isnad::extract(std::move(in));
}

std::string strip_article(const std::string& normalised) {
  static const std::string article = isnad::normalize_utf8("ال");
  if (normalised.size() > article.size() + 2 && normalised.compare(0, article.size(), article) == 0)
    return normalised.substr(article.size());
  return normalised;
}

// Indices of the entities that carry `name` as their label or one of their aliases (matching normalisation; a
// leading ال is ignored). Two entries mean the name itself was split.
std::vector<int> entities_named(const isnad::Document& doc, const std::string& name) {
  const std::string wanted = strip_article(isnad::normalize_utf8(name));
  std::vector<int> out;
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    std::vector<std::string> names = doc.entities[i].aliases;
    names.push_back(doc.entities[i].label);
    for (const auto& n : names)
      if (strip_article(isnad::normalize_utf8(n)) == wanted) {
        out.push_back(int(i));
        break;
      }
  }
  return out;
}

enum class Outcome { Merged, Apart, NotFound };

Outcome outcome(const MergeRow& row, std::string& detail) {
  const isnad::Document doc = run_passage(row.passage);
  const std::vector<int> a = entities_named(doc, row.name_a), b = entities_named(doc, row.name_b);
  detail = "entities:";
  for (const auto& e : doc.entities) {
    detail += " [" + e.label;
    for (const auto& alias : e.aliases) detail += " | " + alias;
    detail += "]";
  }
  if (a.empty() || b.empty()) return Outcome::NotFound;
  for (int x : a)
    for (int y : b)
      if (x == y) return Outcome::Merged;
  return Outcome::Apart;
}

struct MergeScore {
  std::size_t merge_rows = 0, missed_merges = 0, apart_rows = 0, wrong_merges = 0, not_found = 0;
};

MergeScore score_merges(bool print_failures) {
  MergeScore s;
  for (const auto& row : kMergeRows) {
    std::string detail;
    const Outcome o = outcome(row, detail);
    bool failed = false;
    if (row.same) {
      s.merge_rows += 1;
      if (o != Outcome::Merged) s.missed_merges += 1, failed = true;
    } else {
      s.apart_rows += 1;
      if (o == Outcome::Merged) s.wrong_merges += 1, failed = true;
    }
    if (o == Outcome::NotFound) s.not_found += 1, failed = true;
    if (print_failures && failed) {
      const std::string message = std::string(row.same ? "MISSED MERGE" : "WRONG MERGE OR NAME NOT FOUND") + " (" +
                                  row.why + "): " + row.name_a + " / " + row.name_b +
                                  (o == Outcome::NotFound ? " — a name is not an entity" : "") + "\n  " + detail;
      MESSAGE(message);
    }
  }
  return s;
}

}  // namespace

TEST_CASE("merge table: at least 20 pairs each way, from real articles") {
  std::size_t same = 0, apart = 0;
  for (const auto& row : kMergeRows) (row.same ? same : apart) += 1;
  CHECK(same >= 20);
  CHECK(apart >= 20);
}

// Issue 6 target: no missed merge.
// issue 6 target, measured 14 missed of 30, then 7 of 30, now 1 of 32 (2026-11-29: كارين مكدوغال is no entity, the
// tagger and the titles miss "العارضة السابقة كارين مكدوغال"); remove may_fail when the extractor reaches it.
TEST_CASE("merge table: no missed merge (issue 6)" * doctest::may_fail()) {
  const MergeScore s = score_merges(true);
  MESSAGE("missed merges " << s.missed_merges << "/" << s.merge_rows << ", wrong merges " << s.wrong_merges << "/"
                           << s.apart_rows << ", rows with a name that is not an entity " << s.not_found);
  CHECK(s.missed_merges == 0);
}

// Issue 6 target: no wrong merge (measured 2 of 20, then 1 of 20: رمضان + المنصف بن رمضان; 0 of 22 since 2026-11-29).
TEST_CASE("merge table: no wrong merge (issue 6)") {
  const MergeScore s = score_merges(false);
  CHECK(s.wrong_merges == 0);
}

// The word-level spelling rules behind the merges above (extract/entities.h), on normalised words. Pairs from the
// same articles; the "no" ones are different names that a looser rule would join. spelling_variant decides within
// one article (where both are persons); same_letters is the stricter test for a lone surname across articles.
TEST_CASE("merge table: spelling_variant and same_letters on name words (issue 6)") {
  struct Pair {
    const char* a;
    const char* b;
    bool variant;       // spelling_variant
    bool same_letters;  // same_letters
  };
  const Pair pairs[] = {
      {"غيراسيموف", "جيراسيموف", true, true},  // ج/غ (aleppo)
      {"شويغو", "شويجو", true, true},           // ج/غ (aleppo)
      {"شينج", "شينغ", true, true},             // ج/غ in a short Chinese syllable (ANER: لي تشاو شينج / شينغ)
      {"رامسفيلد", "رمسفيلد", true, false},     // a long vowel left out (ANER)
      {"نتنياهو", "نتياهو", true, false},       // one letter dropped (03)
      {"دوتيرتي", "دوتيتري", true, false},      // two letters swapped (09)
      {"فيرغوسن", "فيرجسون", true, false},      // ج/غ and a moved و (ANER)
      {"أنان", "عنان", true, false},            // initial vowel written with alef or ain (ANER)
      {"أبا", "أبو", true, false},              // a kunya in two cases (ANER: أبا هريرة / أبو هريرة)
      {"بلقيس", "بليكس", true, false},          // Balqis / Blix: one skeleton; apart across articles (ANER)
      {"كيري", "كيربي", false, false},          // Kerry / Kirby: short names one letter apart (aleppo)
      {"سعيد", "سعد", false, false},            // two athletes (ANER)
      {"زيد", "زايد", false, false},            // Zeid / Zayed (06, 08)
      {"الأسد", "الأسعد", false, false},        // with the article the vowels count
      {"الأثناء", "الثاني", false, false},      // with the article the vowels count (ANER)
      {"قبل", "جبل", false, false},             // short words: the ج/ق class would join two Arabic words
      {"عمر", "أمر", false, false},             // alef/ain only for names of four letters or more
      {"لافروف", "شويغو", false, false},
  };
  for (const auto& p : pairs) {
    CAPTURE(std::string(p.a));
    CAPTURE(std::string(p.b));
    const std::u32string a = isnad::to_u32(isnad::normalize_utf8(p.a)), b = isnad::to_u32(isnad::normalize_utf8(p.b));
    CHECK(isnad::spelling_variant(a, b) == p.variant);
    CHECK(isnad::spelling_variant(b, a) == p.variant);
    CHECK(isnad::same_letters(a, b) == p.same_letters);
  }
}
