//! The words of the fair pages (EXHIBITION+) in Traditional Chinese, Simplified Chinese and
//! English, kept apart from the foundation's catalogue. Sorted by key (a test checks).

pub static CATALOGUE: &[(&str, [&str; 3])] = &[
    (
        "dash.bookmarks_online",
        ["網上收藏", "网上收藏", "Bookmarks online"],
    ),
    (
        "dash.bookmarks_onsite",
        ["現場掃描收藏", "现场扫描收藏", "Bookmarks at booths"],
    ),
    (
        "dash.by_language",
        ["買家語言", "买家语言", "Buyers by language"],
    ),
    (
        "dash.by_region",
        ["買家所在地", "买家所在地", "Buyers by region"],
    ),
    (
        "dash.contact_requests",
        ["聯絡請求", "联系请求", "Contact requests"],
    ),
    (
        "dash.export",
        ["匯出數據（CSV）", "导出数据（CSV）", "Export figures (CSV)"],
    ),
    (
        "dash.no_bookmarks",
        ["暫時未有收藏。", "暂时没有收藏。", "No bookmarks yet."],
    ),
    (
        "dash.no_scans",
        ["暫時未有掃描。", "暂时没有扫描。", "No scans yet."],
    ),
    (
        "dash.onsite_online",
        [
            "現場與網上：每日收藏",
            "现场与网上：每日收藏",
            "On site and online: bookmarks per day",
        ],
    ),
    ("dash.scans", ["二維碼掃描", "二维码扫描", "QR scans"]),
    (
        "dash.scans_by_hour",
        ["每小時掃描", "每小时扫描", "Scans per hour"],
    ),
    (
        "dash.title",
        ["主辦單位控制台", "主办单位控制台", "Organiser's desk"],
    ),
    (
        "dash.top_booths",
        [
            "最多人掃描的攤位",
            "最多人扫描的摊位",
            "Most scanned booths",
        ],
    ),
    (
        "dash.visitors",
        [
            "已登入掃描者",
            "已登录扫描者",
            "Signed-in visitors who scanned",
        ],
    ),
    (
        "exhibitor.bookmark",
        ["收藏此參展商", "收藏此参展商", "Bookmark this exhibitor"],
    ),
    (
        "exhibitor.bookmarked",
        [
            "已收藏（按此取消）",
            "已收藏（点此取消）",
            "Bookmarked (tap to remove)",
        ],
    ),
    (
        "exhibitor.message",
        ["聯絡此參展商", "联系此参展商", "Message this exhibitor"],
    ),
    (
        "exhibitor.message_label",
        ["你的訊息", "你的信息", "Your message"],
    ),
    (
        "exhibitor.on_plan",
        ["攤位位置", "摊位位置", "Where to find the booth"],
    ),
    ("exhibitor.products", ["產品", "产品", "Products"]),
    (
        "exhibitor.related",
        ["相關參展商", "相关参展商", "Related exhibitors"],
    ),
    (
        "exhibitor.request_sent",
        [
            "你已向此參展商發出聯絡請求。",
            "你已向此参展商发出联系请求。",
            "You have sent this exhibitor a contact request.",
        ],
    ),
    (
        "exhibitor.send_request",
        ["發送聯絡請求", "发送联系请求", "Send contact request"],
    ),
    (
        "exhibitor.share_contact",
        [
            "向此參展商提供我的聯絡資料",
            "向此参展商提供我的联系资料",
            "Share my contact details with this exhibitor",
        ],
    ),
    (
        "exhibitor.sharing_off",
        [
            "此參展商看不到你的聯絡資料。",
            "此参展商看不到你的联系资料。",
            "This exhibitor cannot see your contact details.",
        ],
    ),
    (
        "exhibitor.sharing_on",
        [
            "此參展商可以看到你的聯絡資料。",
            "此参展商可以看到你的联系资料。",
            "This exhibitor can see your contact details.",
        ],
    ),
    (
        "exhibitor.sign_in_to_bookmark",
        ["登入以收藏", "登录以收藏", "Sign in to bookmark"],
    ),
    (
        "exhibitor.sign_in_to_message",
        [
            "登入以聯絡此參展商",
            "登录以联系此参展商",
            "Sign in to message this exhibitor",
        ],
    ),
    (
        "exhibitor.start_sharing",
        ["提供聯絡資料", "提供联系资料", "Share my details"],
    ),
    (
        "exhibitor.stop_sharing",
        ["停止提供", "停止提供", "Stop sharing"],
    ),
    ("fair.create", ["建立展覽", "创建展览", "Create fair"]),
    (
        "fair.ends_on",
        ["現場展覽最後一日", "现场展览最后一天", "Last day on site"],
    ),
    (
        "fair.halls_help",
        [
            "每行一個展館：編號 | 繁體名稱 | 简体名称 | English name（名稱可省略）",
            "每行一个展馆：编号 | 繁體名稱 | 简体名称 | English name（名称可省略）",
            "One hall per line: code | 繁體名稱 | 简体名称 | English name (names optional)",
        ],
    ),
    ("fair.leads_link", ["潛在客戶", "潜在客户", "Leads"]),
    (
        "fair.manage_link",
        ["主辦單位控制台", "主办单位控制台", "Organiser's desk"],
    ),
    ("fair.my_link", ["我的展覽", "我的展览", "My fair"]),
    ("fair.new", ["新增展覽", "新增展览", "New fair"]),
    ("fair.plan_link", ["平面圖", "平面图", "Floor plan"]),
    (
        "fair.starts_on",
        ["現場展覽首日", "现场展览首日", "First day on site"],
    ),
    ("fair.time_zone", ["時區", "时区", "Time zone"]),
    (
        "fairs.none",
        ["暫時未有展覽會。", "暂时没有展览会。", "No fairs yet."],
    ),
    ("import.confirm", ["確認匯入", "确认导入", "Import now"]),
    ("import.created", ["新增", "新增", "New"]),
    ("import.encoding", ["檔案編碼", "文件编码", "File encoding"]),
    (
        "import.errors",
        ["有問題的行", "有问题的行", "Rows with problems"],
    ),
    ("import.file", ["CSV 檔案", "CSV 文件", "CSV file"]),
    (
        "import.file_help",
        [
            "UTF-8（可有 BOM）、UTF-16、Big5 或 GB18030。欄位：參考編號、展館、攤位、名稱等，可用中文或英文標題。",
            "UTF-8（可有 BOM）、UTF-16、Big5 或 GB18030。字段：参考编号、展馆、摊位、名称等，可用中文或英文标题。",
            "UTF-8 (with or without BOM), UTF-16, Big5 or GB18030. Columns: reference, hall, booth, name and more, headed in Chinese or English.",
        ],
    ),
    (
        "import.kind",
        ["檔案內容", "文件内容", "What the file holds"],
    ),
    (
        "import.kind_exhibitors",
        ["參展商及攤位", "参展商及摊位", "Exhibitors and booths"],
    ),
    ("import.kind_products", ["產品", "产品", "Products"]),
    ("import.line", ["行", "行", "Line"]),
    (
        "import.nothing_written",
        [
            "未寫入任何資料：請修正以上問題後再上載。",
            "未写入任何数据：请修正以上问题后再上传。",
            "Nothing was written: fix the rows above and upload again.",
        ],
    ),
    (
        "import.preview",
        [
            "預覽（未寫入）",
            "预览（未写入）",
            "Preview (nothing written yet)",
        ],
    ),
    (
        "import.rows_ok",
        [
            "可匯入的參展商",
            "可导入的参展商",
            "Exhibitors ready to import",
        ],
    ),
    (
        "import.title",
        ["匯入參展商", "导入参展商", "Import exhibitors"],
    ),
    ("import.updated", ["更新", "更新", "Updated"]),
    (
        "import.upload",
        ["上載並預覽", "上传并预览", "Upload and preview"],
    ),
    (
        "leads.none",
        ["暫時未有潛在客戶。", "暂时没有潜在客户。", "No leads yet."],
    ),
    ("leads.note", ["備註", "备注", "Note"]),
    (
        "leads.reveal",
        [
            "顯示已同意者的聯絡資料",
            "显示已同意者的联系资料",
            "Show contact details (where shared)",
        ],
    ),
    (
        "leads.reveal_note",
        [
            "只有買家同意才會顯示聯絡資料；每次顯示或匯出均有記錄。",
            "只有买家同意才会显示联系资料；每次显示或导出均有记录。",
            "Contact details appear only where the buyer agreed; every showing and export is recorded.",
        ],
    ),
    ("leads.scans", ["掃描", "扫描", "Scans"]),
    ("leads.score", ["評分（0–5）", "评分（0–5）", "Score (0–5)"]),
    ("leads.title", ["潛在客戶", "潜在客户", "Leads"]),
    ("my.all", ["全部", "全部", "All"]),
    ("my.export_csv", ["匯出 CSV", "导出 CSV", "Export CSV"]),
    (
        "my.export_vcard",
        ["匯出 vCard", "导出 vCard", "Export vCards"],
    ),
    (
        "my.none",
        [
            "未有收藏。在展位掃描二維碼，或在參展商頁面按「收藏」。",
            "还没有收藏。在展位扫描二维码，或在参展商页面点「收藏」。",
            "No bookmarks yet. Scan a booth's QR code, or press Bookmark on an exhibitor's page.",
        ],
    ),
    ("my.note", ["筆記", "笔记", "Note"]),
    (
        "my.route",
        [
            "在平面圖上顯示路線",
            "在平面图上显示路线",
            "Route on the floor plan",
        ],
    ),
    ("my.source_online", ["網上", "网上", "online"]),
    (
        "my.source_scan",
        ["現場掃描", "现场扫描", "scanned at booth"],
    ),
    ("my.tags", ["標籤", "标签", "Tags"]),
    ("my.title", ["我的展覽", "我的展览", "My fair"]),
    ("my.visited", ["已到訪", "已到访", "Visited"]),
    (
        "notice.bookmark_added",
        ["已收藏。", "已收藏。", "Bookmarked."],
    ),
    (
        "notice.bookmark_removed",
        ["已取消收藏。", "已取消收藏。", "Bookmark removed."],
    ),
    (
        "notice.code_reissued",
        [
            "舊二維碼已作廢，新二維碼已發出。",
            "旧二维码已作废，新二维码已发出。",
            "The old code is revoked; a new one is issued.",
        ],
    ),
    (
        "notice.image_damaged",
        [
            "圖片已損壞，無法讀取。",
            "图片已损坏，无法读取。",
            "The image is damaged and cannot be read.",
        ],
    ),
    (
        "notice.image_too_large",
        [
            "圖片超過 8 MB。",
            "图片超过 8 MB。",
            "The image is larger than 8 MB.",
        ],
    ),
    (
        "notice.image_too_many_pixels",
        [
            "圖片尺寸太大（每邊最多 10,000 像素）。",
            "图片尺寸太大（每边最多 10,000 像素）。",
            "The image is too large (at most 10,000 pixels a side).",
        ],
    ),
    (
        "notice.imported",
        ["匯入完成。", "导入完成。", "Import complete."],
    ),
    (
        "notice.message_invalid",
        [
            "請寫下訊息（最多 2,000 字）。",
            "请写下信息（最多 2,000 字）。",
            "Write a message (at most 2,000 characters).",
        ],
    ),
    (
        "notice.not_an_image",
        [
            "這不是 JPEG、PNG 或 WebP 圖片。",
            "这不是 JPEG、PNG 或 WebP 图片。",
            "That is not a JPEG, PNG or WebP image.",
        ],
    ),
    (
        "notice.note_invalid",
        [
            "未能儲存：文字太長或含控制字元。",
            "未能保存：文字太长或含控制字符。",
            "Not saved: the text is too long or has control characters.",
        ],
    ),
    (
        "notice.photo_added",
        ["相片已新增。", "照片已添加。", "Photo added."],
    ),
    (
        "notice.photo_removed",
        ["相片已移除。", "照片已移除。", "Photo removed."],
    ),
    (
        "notice.plan_saved",
        ["平面圖已儲存。", "平面图已保存。", "Floor plan saved."],
    ),
    (
        "notice.request_sent",
        [
            "聯絡請求已發送。",
            "联系请求已发送。",
            "Contact request sent.",
        ],
    ),
    ("notice.saved", ["已儲存。", "已保存。", "Saved."]),
    (
        "notice.sharing_off",
        [
            "已停止提供聯絡資料。",
            "已停止提供联系资料。",
            "You no longer share your contact details.",
        ],
    ),
    (
        "notice.sharing_on",
        [
            "已提供聯絡資料。",
            "已提供联系资料。",
            "Your contact details are shared.",
        ],
    ),
    (
        "notice.too_many_images",
        [
            "每項最多 12 張相片。",
            "每项最多 12 张照片。",
            "At most 12 photos each.",
        ],
    ),
    ("photos.add", ["新增相片", "添加照片", "Add a photo"]),
    (
        "photos.help",
        [
            "JPEG、PNG 或 WebP，最大 8 MB；相片會縮小並移除位置等資料。",
            "JPEG、PNG 或 WebP，最大 8 MB；照片会缩小并移除位置等数据。",
            "JPEG, PNG or WebP up to 8 MB; photos are resized and stripped of location and other metadata.",
        ],
    ),
    ("photos.remove", ["移除", "移除", "Remove"]),
    ("photos.title", ["相片", "照片", "Photos"]),
    ("photos.upload", ["上載", "上传", "Upload"]),
    ("plan.drawn", ["已上載", "已上传", "uploaded"]),
    (
        "plan.file",
        [
            "平面圖檔案（JSON 或 CSV）",
            "平面图文件（JSON 或 CSV）",
            "Plan file (JSON or CSV)",
        ],
    ),
    (
        "plan.file_help",
        [
            "以米為單位：CSV 欄位 booth, x, y, width, height；或 JSON {\"width\", \"height\", \"booths\": [...]}。",
            "以米为单位：CSV 字段 booth, x, y, width, height；或 JSON {\"width\", \"height\", \"booths\": [...]}。",
            "In metres: CSV columns booth, x, y, width, height; or JSON {\"width\", \"height\", \"booths\": [...]}.",
        ],
    ),
    (
        "plan.find",
        [
            "搜尋參展商或產品",
            "搜索参展商或产品",
            "Find exhibitors or products",
        ],
    ),
    (
        "plan.generated",
        ["自動排列的攤位圖", "自动排列的摊位图", "generated grid"],
    ),
    ("plan.hall", ["展館", "展馆", "Hall"]),
    (
        "plan.legend",
        [
            "黃色：搜尋結果 · 紅色：目的地 · 藍色：你在這裏 · 綠點：入口",
            "黄色：搜索结果 · 红色：目的地 · 蓝色：你在这里 · 绿点：入口",
            "Yellow: matches · red: destination · blue: you are here · green dot: entrance",
        ],
    ),
    (
        "plan.matches",
        ["符合的參展商", "符合的参展商", "Matching exhibitors"],
    ),
    (
        "plan.none",
        [
            "此展覽未有展館。",
            "此展览还没有展馆。",
            "This fair has no halls yet.",
        ],
    ),
    ("plan.route", ["路線", "路线", "Route"]),
    ("plan.title", ["平面圖", "平面图", "Floor plan"]),
    ("plan.to_booth", ["前往攤位", "前往摊位", "Go to booth"]),
    (
        "plan.unreachable",
        ["找不到路線前往：", "找不到路线前往：", "No route found to:"],
    ),
    ("plan.upload", ["上載平面圖", "上传平面图", "Upload plan"]),
    (
        "qr.help",
        [
            "每個攤位一個二維碼。列印此頁（瀏覽器的「列印」），剪下後放在攤位。如二維碼外洩或印錯，可以作廢並重發。",
            "每个摊位一个二维码。打印此页（浏览器的“打印”），剪下后放在摊位。如二维码外泄或印错，可以作废并重发。",
            "One code per booth. Print this page (your browser's Print), cut, and place at each booth. If a code leaks or is misprinted, revoke it and print the new one.",
        ],
    ),
    (
        "qr.reissue",
        ["作廢並重發", "作废并重发", "Revoke and reissue"],
    ),
    (
        "qr.reissue_confirm",
        [
            "作廢舊碼並發出新碼",
            "作废旧码并发出新码",
            "Revoke the old code and issue a new one",
        ],
    ),
    (
        "qr.reissue_warning",
        [
            "舊二維碼會即時失效，請列印並更換新二維碼。",
            "旧二维码会立即失效，请打印并更换新二维码。",
            "The old code stops working at once: print and place the new one.",
        ],
    ),
    ("qr.title", ["攤位二維碼", "摊位二维码", "Booth QR codes"]),
    (
        "scan.already",
        [
            "已在你的收藏中。",
            "已在你的收藏中。",
            "Already in your bookmarks.",
        ],
    ),
    (
        "scan.bookmarked",
        [
            "已加入「我的展覽」。",
            "已加入“我的展览”。",
            "Added to My fair.",
        ],
    ),
    (
        "scan.browse_fair",
        ["瀏覽展覽", "浏览展览", "Browse the fair"],
    ),
    (
        "scan.new_here",
        [
            "未有帳戶？註冊後自動收藏",
            "还没有账户？注册后自动收藏",
            "New here? Sign up and it is bookmarked",
        ],
    ),
    (
        "scan.revoked",
        [
            "此二維碼已作廢。請在展覽的參展商名單中尋找此參展商。",
            "此二维码已作废。请在展览的参展商名单中寻找此参展商。",
            "This code has been withdrawn. Find the exhibitor in the fair's list.",
        ],
    ),
    (
        "scan.sign_in_and_bookmark",
        ["登入並收藏", "登录并收藏", "Sign in and bookmark"],
    ),
    (
        "scan.sign_in_to_bookmark",
        [
            "登入即可收藏此參展商",
            "登录即可收藏此参展商",
            "Sign in to bookmark this exhibitor",
        ],
    ),
    (
        "scan.title",
        ["掃描攤位二維碼", "扫描摊位二维码", "Booth code"],
    ),
    ("scan.undo", ["復原", "撤销", "Undo"]),
    (
        "scan.unknown",
        [
            "無法識別此二維碼。",
            "无法识别此二维码。",
            "This code is not recognised.",
        ],
    ),
];
