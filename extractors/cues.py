"""Cue-phrase tables for the chrome classifier (Simplified Chinese, English, European languages).

Text is matched after t2s conversion, so Traditional pages need no separate entries. Cues only
raise a paragraph's chrome score; structure (position, length, runs, lists) decides.
"""

from __future__ import annotations

import re

from extractors.cuescan import build_prefilter, build_scanner, compile_cues

# Each category: regex alternatives, matched case-insensitively on Simplified text.
CUES: dict[str, tuple[str, ...]] = {
    "follow": (
        r"关注(?:我们|我|公众号|本号|作者|微信)",
        r"^欢迎关注",  # a sign-off: "欢迎关注：<blog or account name>"
        r"点击(?:上方|下方|文末|左下角|右上角)?蓝字",
        r"设为.{0,2}星?标",
        r"长按(?:识别)?(?:二维码|图片)",
        r"扫(?:描)?(?:码|二维码)",
        r"二维码",
        r"点(?:个|一下)?(?:在看|赞)",
        # the button labels alone ("点赞 在看", "分享到：", "分享到朋友圈"), not the words in a
        # sentence ("在看守所", "在看着书", "分享到一份光荣"); [㐀-鿿] is one Han character (a
        # range written in its own script: a Latin escape would file the cue as Latin)
        r"在看(?![㐀-鿿])",
        r"分享至",
        r"分享到(?![㐀-鿿])",
        r"分享到(?:朋友圈|微信|微博|空间)",
        r"转发(?:给|到)",
        r"订阅(?:号|我们)",
        r"\bfollow us\b",
        r"\bsubscribe\b",
        r"\bsign up\b",
        r"^(?:sign|log) ?in\b",
        r"\bnewsletter\b",
        r"\bshare (?:this|on|it with)\b",
        r"\bfollow (?:us|him|her|them)\b",
        r"^follow me (?:on|at)\b",
        r"\bsigning up\b",
        r"\byour inbox\b",
        r"\bget the [\w ]{1,30}app\b",
        # the same calls in de, fr, es, it, pt, nl, pl (imperatives and widget labels only)
        r"\b(?:folgen sie uns|suivez-nous|síguenos|seguici|siga-nos|volg ons|obserwuj nas)\b",
        r"\b(?:jetzt abonnieren|abonnez-vous|suscríbete|iscriviti|assine já|inscreva-se|abonneer)\b",
        r"\blike this (?:story|article)\b",
        r"\btell your friends\b",
        r"打开app",
        r"下载app",
        r"阅读体验更佳",
        r"客户端下载",
        r"^(?:图片|图|圖)?(?:来源|來源)[:：]",
        r"[(（](?:图片|图)来源[:：].{0,20}[)）]$",
        r"资料图$",
    ),
    "promo": (
        r"课程",
        r"培训",
        r"报名",
        r"招聘",
        r"诚聘",
        r"带队",
        r"参访",
        r"研学",
        r"名额有限",
        r"限时",
        r"优惠",
        r"训练营",
        r"调研",
        r"商务合作",
        r"演讲邀请",
        r"应聘",
        r"广告",
        r"直播间",
        r"\bregister now\b",
        r"\bwebinar\b",
        r"\bsponsored\b",
        r"\bwe'?re hiring\b",
        r"\bbuy tickets\b",
        r"立即(?:购买|订购|抢购)",
        r"\bbuy now\b",
    ),
    "contact": (
        r"(?:添加|加)(?:小编)?微信",
        r"微信(?:号|id)?\s*[:：]",
        r"联系(?:电话|方式|我们)",
        r"邮箱\s*[:：]",
        r"投稿",
        r"\bwechat\b",
        r"\bcontact us\b",
        r"\be-?mail\s*:",
        r"[\w.+-]+@[\w-]+\.[\w.]{2,}",
        # an address hidden by the site's e-mail protection, as saved pages show it
        r"\[?email(?:\s|&#160;|\xa0)protected\]?",
        r"电子邮件保护|電子郵件保護",
        r"\bwrite to \w+",
        r"\b(?:media|press) (?:contacts?|inquiries)\b",
        r"(?:订阅|订报|服务|客服|咨询)(?:热线|电话)",
        r"免(?:付|费)费?电话",
        r"^(?:服务|营业|办公|接听)时间\s*[:：]",
        r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)",
    ),
    "legal": (
        r"特别声明",
        r"知识共享(?:署名)?",
        r"\bcreative commons\b",
        r"免责声明",
        r"版权声明",
        r"版权所有",
        r"未经(?:书面)?(?:授权|许可)",
        r"侵权(?:公告|声明)",
        r"侵权必究",
        r"免责条款",
        r"不构成(?:任何)?(?:个人)?投资建议",
        r"\bnot (?:constitute )?investment advice\b",
        r"不得转载",
        r"转载请",
        r"禁止转载",
        r"仅提供信息存储",
        r"仅代表作者",
        r"如有侵权",
        r"联系删除",
        r"素材来源",
        r"本文来源于网络",
        r"\ball rights reserved\b",
        r"copyright\s*(?:©|\(c\)|\d{4})",
        r"©\s*\d{4}",
        r"^\s*©",
        r"\bthe content above\b",
        r"\bthe views expressed\b",
        r"\bterms of (?:use|service)\b",
        r"\b(?:personal|non-?commercial) use only\b",
        # "all rights reserved" in de, fr, es, it, pt, nl, pl
        r"\balle rechte vorbehalten\b",
        r"\btous droits réservés\b",
        r"\btodos los derechos reservados\b",
        r"\b(?:tutti i diritti riservati|riproduzione riservata)\b",
        r"\btodos os direitos reservados\b",
        r"\balle rechten voorbehouden\b",
        r"\bwszelkie prawa zastrzeżone\b",
    ),
    "cookie": (
        r"\bcookies?\b",
        r"隐私政策",
        r"\bprivacy policy\b",
        r"\baccept all\b",
        r"\b(?:datenschutzerklärung|politique de confidentialité|política de privacidad)\b",
        r"\b(?:informativa sulla privacy|política de privacidade|privacybeleid)\b",
    ),
    "related": (
        r"相关(?:推荐|新闻|阅读|文章|报道|链接|专题)",
        r"热点推荐",
        r"往期(?:回顾|精选|推荐|文章)",
        r"推荐阅读",
        r"延伸阅读",
        r"热门(?:推荐|文章|新闻)",
        r"猜你喜欢",
        r"精彩推荐",
        r"更多精彩",
        r"今日推荐",
        r"置顶推荐",
        r"编辑推荐",
        r"头条要闻",
        r"\bmost (?:read|popular)\b",
        r"\brelated (?:stories|articles|content|news|coverage)\b",
        r"\bread more\b",
        r"\bmore from\b",
        r"\brecommended\b",
        r"\byou may also like\b",
        r"\btrending\b",
        r"\bmore stories\b",
        r"\bread next\b",
        r"\bdon'?t miss\b",
        # related/most-read headings in de, fr, es, it, pt, nl, pl, no/da/sv, fi
        r"\b(?:mehr zum thema|lesen sie auch|das könnte sie auch interessieren|meistgelesen)",
        r"\b(?:à lire aussi|lire aussi|sur le même sujet|articles similaires|les plus lus)\b",
        r"\b(?:te|le|les) puede(?:n)? interesar\b",
        r"\b(?:noticias|artículos|contenidos?) relacionad[oa]s\b",
        r"\b(?:lo más leído|lee también|lea también)\b",
        r"\b(?:leggi anche|articoli correlati|potrebbe interessarti|i più letti)\b",
        r"\b(?:leia também|notícias relacionadas|mais lidas|veja também)\b",
        r"\b(?:lees ook|meest gelezen|gerelateerde artikelen)\b",
        r"\b(?:czytaj (?:także|też)|zobacz (?:także|też)|najczęściej czytane)\b",
        r"\b(?:les også|læs også|läs också|lue myös|mest lest|mest læste|mest lästa)\b",
        r"^发表评论",
        r"(?:评论|阅读)\s*[(（]\d+[)）]",
        r"^文章评论",
        r"^相关内容",
        r"发表回复",
        r"快速回复",
        r"网友评论",
        r"我来说两句",
        r"共\d+条评论",
        r"^tags?\s*:?\s*$",
        # a comment count standing alone ("Comments", "{ 2 comments }", "12 Kommentare")
        r"^[{(\[]?\s*(?:\d+\s*)?(?:comments?|kommentare?|commentaires?|comentarios?|commenti"
        r"|comentários?|reacties|komentarze?)\s*[})\]]?$",
        r"\[(?:video|insight|watch|pics|photos)\]",
    ),
    "editor": (
        r"责任编辑",
        r"^[(（【\[]?\s*(?:编辑|编审|审核|校对|来源)\s*[:：]",
        r"返回(?:搜狐|首页|顶部|列表)",
        r"查看更多",
        r"第\s*\d+\s*(?:个|位)(?:阅览者|读者|访客|访问者)",
        r"(?:浏览|阅读|点击)(?:次数|量)?\s*[:：]?\s*\d+\s*次?$",
        r"(?:已被|被)?(?:查看|浏览|阅读|观看|点击|访问)(?:过|了)?\s*[:：]?\s*[\d,]+\s*次",
        r"^[\d,.]+\s*[kmw万]?\s*(?:views|reads)$",
        # read counters in the other order ("123 次阅读") and a jianshu-style stats line
        # ("字数 1,191 阅读 2,024")
        r"[\d,.]+\s*万?\s*次(?:阅读|浏览|观看|播放|点击)",
        r"字数\s*[\d,.]+\s*万?\s*阅读\s*[\d,.]+",
        r"(?:每日|今日)(?:一句|一言|金句|名言)",
        r"\bquote of the day\b",
        r"^[【\[]?(?:打印|关闭|收藏|字体|字号)",
    ),
    "boiler": (
        r"\bthere was an error\b",
        r"\ban error (?:has )?occurred\b",
        r"\bdelivered (?:to|through) your\b",
        r"\bsign up (?:for|to)\b",
        r"\bsubscribe (?:to|now)\b",
        r"\bclick(?:ing)? here\b",
        r"\b(?:send|tell|show) us (?:your|what you)\b",
        r"\bget access to\b",
        r"\bjoin our\b",
        r"\bthis is a developing story\b",
        # a closed comment section's status line, in en, de, fr, es, it, pt, nl
        r"\bcomments (?:on this (?:entry|post|article|story) )?(?:are|have been) (?:now )?closed\b",
        r"\b(?:kommentare (?:sind )?geschlossen|kommentarfunktion (?:ist )?(?:deaktiviert|geschlossen))\b",
        r"\b(?:les commentaires sont fermés|los comentarios están cerrados|i commenti sono chiusi)\b",
        r"\b(?:comentários (?:estão )?(?:encerrados|fechados)|reacties zijn gesloten)\b",
        r"\bcheck back (?:later |soon )?for (?:more|updates)\b",
        r"\bthis (?:content|article) was (?:created|produced) by\b",
        r"\b(?:read|see|follow) (?:our|all of our|the) (?:full |complete |latest |live )?coverage\b",
        r"订阅.{0,10}(?:专栏|会员)",
        # browser-support notices and shop widgets left in saved pages
        r"不支[持援][你您]?(?:正在?|目前)?使用的(?:浏览器|瀏覽器)",
        r"\b(?:your )?browser (?:is )?(?:not|no longer) supported\b",
        r"\byour (?:shopping )?(?:cart|basket|bag) is empty\b",
        r"\bbe the first to (?:write a )?review\b",
        r"\brecently viewed (?:items|products)\b",
        r"点击(?:这里|此处)",
    ),
    "forum": (
        r"【[^】]{1,16}】\s*\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}",
        r"^(?:#\s*)?re\s*[:：]",
        r"^\d+\s*楼\b",
        r"^回复\s*[:：]",
        r"^引用\s*[:：]",
    ),
    "card": (
        r"\d+\s*(?:文章数|关注度|粉丝)",
        r"incentive-icons",
        r"申请入驻",
        r"共写了[^字]{1,12}字获得",
    ),
}
# One pass per script, without case folding (3x faster): Latin cues (all lower case) run on
# the lower-cased text, and only when it has Latin letters. The group name of each match is its category.
ZH_CUE = compile_cues(CUES, latin=False)
EN_CUE = compile_cues(CUES, latin=True)
_HAS_LATIN = re.compile(r"[A-Za-z]{2}|[©@]")
# Every cue contains one of these literals (derived from the patterns): a text without any is
# skipped, 20-40x cheaper than the full alternation (which runs only on the 10-25% left).
# Latin lines get no prefilter: one of its ~80 literals is in most English lines, and with
# the Latin cues tried at word starts only, scanning a line costs less than the prefilter did.
_ZH_NEEDED = build_prefilter(CUES, latin=False)
# Scanners trying the alternation only where a cue can start (the same matches).
_ZH_SCAN = build_scanner(CUES, ZH_CUE, latin=False)
_EN_SCAN = build_scanner(CUES, EN_CUE, latin=True)


def find_cues(text: str) -> list[str]:
    """Return the cue category of every cue phrase found in a (Simplified) text."""
    found = []
    if _ZH_NEEDED is None or _ZH_NEEDED.search(text):
        found = _ZH_SCAN.scan(text)
    if _HAS_LATIN.search(text):
        found.extend(_EN_SCAN.scan(text.lower()))
    return found


# A line opening with a related-links label and a colon ("Related: <headline>", "Lesen Sie
# auch: …"): a cross-link to another story standing in the body.
RELATED_LEAD = re.compile(
    r"^[\s\-—–•»>«<]*(?:related(?: stories| articles| content)?|read (?:also|more|next)|more on this"
    # post navigation ("Previous post: <headline>", "Nächster Artikel: …")
    r"|(?:previous|next|older|newer) (?:post|article|story|entry)|vorheriger artikel|nächster artikel"
    r"|article (?:précédent|suivant)|artículo (?:anterior|siguiente)|articolo (?:precedente|successivo)"
    r"|artigo anterior|próximo artigo"
    r"|lesen sie (?:auch|mehr)|mehr zum thema|à lire aussi|lire aussi|lee también|lea también"
    r"|leia também|leggi anche|lees ook|czytaj (?:także|też)|les også|læs også|läs också|lue myös)"
    r"\s*[:：]",
    re.IGNORECASE,
)
# Lines that mark the end of the article body.
END_MARKER = re.compile(
    r"^[\s\-—–=*_·•【\[（(]*(?:end|the end|完|全文完|结束)[\s\-—–=*_·•】\]）).。]*$", re.IGNORECASE
)
READING_TIME = re.compile(
    r"全文(?:共|约)?\s*[\d,，.]+\s*字.{0,20}?(?:阅读|时长|时间).{0,8}?分钟|阅读(?:时间|约需|需要)\s*[:：]?\s*\d+\s*分钟"
    r"|\b\d+\s*min(?:ute)?s?\s+read\b|\b(?:estimated )?reading time\s*[:：]\s*[\d.]+\s*(?:m\b|min)",
    re.IGNORECASE,
)
# Separators never occur inside a segment and the line is at most 200 characters: a line of
# code or markup with many "/" made the old pattern backtrack for minutes.
BREADCRUMB = re.compile(
    r"^(?=.{1,200}$)[^。！？.!?>»/＞›]{1,20}(?:\s*[>»/＞›]\s*[^。！？.!?>»/＞›]{1,20}){2,}$"
)
# The opening run is possessive: a long run of brackets before other text backtracked
# quadratically (the closing class matches brackets too).
PLACEHOLDER = re.compile(
    r"^[\s()（）\[\]【】<>「」]*+(?:图片?|image|photo|img|视频|video)?[\s()（）\[\]【】]*$",
    re.IGNORECASE,
)
LIST_ITEM = re.compile(
    r"^\s*(?:[-•·▪◆●]|\*(?=\s)|\d{1,2}[.、)）]|[一二三四五六七八九十]+[、.]|[(（]\d{1,2}[)）])\s*"
)
DATE_ONLY = re.compile(
    r"^\s*(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
# An image caption: a line ending in a bracketed photo credit ("…（彭博圖片）", "(Courtesy:
# Reuters photo)", "（图源：…）") or a bare trailing "图源：X".
CAPTION_CREDIT = re.compile(
    r"(?:[(（\[【]\s*(?:(?:图|圖)源|(?:图片|圖片)(?:来源|來源)|(?:photo|image|picture)s?(?!\w)\s*(?:credit|courtesy|source)?|courtesy|credit|file photo|资料图|資料圖|[^()（）\[\]【】]{0,16}(?:图片|圖片|摄|攝|(?<!\w)(?:photo\w*|images?|imagen(?:es)?|pictures?)(?!\w)))"
    r"[^()（）\[\]【】]{0,40}[)）\]】]|\s(?:图|圖)源\s*[:：][^。！？.]{0,30})\s*$",
    re.IGNORECASE,
)
# A credit line of its own under an image or a post: "Illustration by X", "Photo courtesy of
# X", "图片来源 X", "題圖：X". The label opens the line; the line is short (checked where used).
CREDIT_LINE = re.compile(
    r"^(?:(?:illustrations?|photos?|photographs?|photography|images?|pictures?|artwork|graphics?"
    r"|(?:cover|header|featured|top|lead) (?:image|photo|art|illustration))"
    r"\s*(?:by|credits?|courtesy(?: of)?|source)\b"
    r"|(?:题图|題圖|封面|头图|頭圖|配图|配圖|图片|圖片)\s*(?:来源|來源|来自|來自|作者|由)"
    r"|(?:图|圖)源|(?:题图|題圖)\s*[:：])\s*[:：]?\s*\S",
    re.IGNORECASE,
)
# Reader-comment sections under posts: their heading, and the metadata lines of the comments
# (a date/time, "says:", "Reply", "N likes") that show a comment thread follows it.
COMMENT_HEADING = re.compile(
    r"^(?:\d+\s*)?(?:reader |user )?(?:comments?|responses?|replies|discussion)(?:\s*[(（]\d+[)）])?\s*:?$"
    r"|^(?:\d+\s*)?(?:kommentare|commentaires|comentarios|commenti|comentários|reacties|komentarze)"
    r"(?:\s*[(（]\d+[)）])?\s*:?$"
    r"|^(?:leave|post|add|write) a (?:comment|reply|response)|^join the discussion"
    r"|^(?:\d+\s*条)?(?:评论|留言|网友评论|读者评论|精选留言|热门评论)(?:\s*[(（]\d+[)）])?\s*[:：]?$",
    re.IGNORECASE,
)
COMMENT_META = re.compile(
    r"\b(?:says|said|wrote)\s*:\s*$|^(?:reply|回复|赞|like)\s*$|\b\d+\s*(?:likes?|points?)\b|^\d+\s*楼"
    r"|(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:19|20)\d{2}\b"
    r"|\b\d{1,2}:\d{2}\s*(?:am|pm)?\b|\b\d+\s*(?:minutes?|hours?|days?|weeks?|months?|years?) ago\b|\d+\s*(?:分钟|小时|天)前",
    re.IGNORECASE,
)
# Reprint and copyright notices that are never article prose (the lead-notice rule uses only
# these: a news lead may well say "未经授权" or "terms of service").
NOTICE = re.compile(
    r"\b(?:personal|non-?commercial) use only\b|\ball rights reserved\b|©|版权所有|转载请|不得转载"
    r"|\balle rechte vorbehalten\b|\btous droits réservés\b|\btodos los derechos reservados\b"
    r"|\btutti i diritti riservati\b|\btodos os direitos reservados\b|\balle rechten voorbehouden\b"
    r"|禁止转载|侵权必究|未经(?:书面)?(?:授权|许可)[,，]?\s*(?:不得|禁止|严禁)"
    r"|采用知识共享|\blicensed under (?:a |the )?(?:cc[ -]|creative commons)",
    re.IGNORECASE,
)
