<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutBox</name>
    <message>
        <source>关于 一窗通办</source>
        <translation>About OneWindow</translation>
    </message>
    <message>
        <source>一窗通办 OneWindow {0}</source>
        <translation>OneWindow 一窗通办 {0}</translation>
    </message>
    <message>
        <source>无（培训模式）；正式使用时写入 {0}</source>
        <translation>None (training mode); for real use, write it to {0}</translation>
    </message>
    <message>
        <source>配置文件：</source>
        <translation>Configuration file:</translation>
    </message>
    <message>
        <source>数据文件夹：</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>随附的字体和软件库及其许可证：</source>
        <translation>Fonts and libraries shipped, and their licences:</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>许可证</source>
        <translation>Licence</translation>
    </message>
</context>
<context>
    <name>AdminCatalogue</name>
    <message>
        <source>许可证号</source>
        <translation>permit no.</translation>
    </message>
    <message>
        <source>代办</source>
        <translation>agent</translation>
    </message>
    <message>
        <source>新增材料</source>
        <translation>New document</translation>
    </message>
    <message>
        <source>删除材料</source>
        <translation>Remove document</translation>
    </message>
    <message>
        <source>英文代码，如 fire_plan（保存后不可改）</source>
        <translation>Code in English letters, e.g. fire_plan (fixed once saved)</translation>
    </message>
    <message>
        <source>可以容缺（申请人以后补交）</source>
        <translation>May follow (the applicant hands it in later)</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>为什么需要</source>
        <translation>Why it is needed</translation>
    </message>
    <message>
        <source>添加规则</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <source>删除规则</source>
        <translation>Remove rule</translation>
    </message>
    <message>
        <source>保存该材料</source>
        <translation>Save this document</translation>
    </message>
    <message>
        <source>修改记录</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>修改人</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>改动</source>
        <translation>What changed</translation>
    </message>
    <message>
        <source>材料目录已保存：{0}。新受理的申请按新目录核对</source>
        <translation>Catalogue saved: {0}. New applications are checked against it</translation>
    </message>
    <message>
        <source>已从材料目录删除：{0}</source>
        <translation>Removed from the catalogue: {0}</translation>
    </message>
</context>
<context>
    <name>AdminEndpoints</name>
    <message>
        <source>培训模式没有配置文件：这里的设置只能查看。</source>
        <translation>Training mode has no configuration file: these settings can only be viewed.</translation>
    </message>
    <message>
        <source>营业厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <source>营业厅代码</source>
        <translation>Hall code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>监督电话</source>
        <translation>Supervision hotline</translation>
    </message>
    <message>
        <source>保存营业厅信息</source>
        <translation>Save hall details</translation>
    </message>
    <message>
        <source>营业厅信息已保存到配置文件</source>
        <translation>Hall details saved to the configuration file</translation>
    </message>
    <message>
        <source>单位接口</source>
        <translation>Utility endpoints</translation>
    </message>
    <message>
        <source>或填环境变量名，如 OW_GAS_TOKEN</source>
        <translation>or an environment variable name, e.g. OW_GAS_TOKEN</translation>
    </message>
    <message>
        <source>或填环境变量名</source>
        <translation>or an environment variable name</translation>
    </message>
    <message>
        <source>删除签名密钥</source>
        <translation>Remove signing secret</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <source>自签证书时填 CA 证书文件路径</source>
        <translation>CA certificate file for a self-signed certificate</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Utility</translation>
    </message>
    <message>
        <source>接口地址</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>令牌</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>签名密钥</source>
        <translation>Signing secret</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>服务电话</source>
        <translation>Service hotline</translation>
    </message>
    <message>
        <source>CA 证书</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>保存接口设置</source>
        <translation>Save endpoint settings</translation>
    </message>
    <message>
        <source>{0}；留空则不变</source>
        <translation>{0}; leave empty to keep</translation>
    </message>
    <message>
        <source>请先填写{0}的接口地址。</source>
        <translation>Enter {0}&apos;s base URL first.</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>连接正常：{0}的接口在 {1} 毫秒内应答。</source>
        <translation>Connected: {0}&apos;s endpoint answered in {1} ms.</translation>
    </message>
    <message>
        <source>{0}的接口拒绝了令牌或签名（HTTP {1}）：请核对令牌和签名密钥。</source>
        <translation>{0}&apos;s endpoint refused the token or signature (HTTP {1}): check the token and the signing secret.</translation>
    </message>
    <message>
        <source>{0}的接口有应答，但不正常（HTTP {1}）：请联系该单位的技术人员。</source>
        <translation>{0}&apos;s endpoint answered, but not normally (HTTP {1}): contact the utility&apos;s technical staff.</translation>
    </message>
    <message>
        <source>{0}（{1}）在 {2:g} 秒内没有应答：主机可能已关机，或地址、网络有误。</source>
        <translation>{0} ({1}) did not answer within {2:g} seconds: the host may be down, or the address or network wrong.</translation>
    </message>
    <message>
        <source>无法确认 {0} 的证书：请核对地址是否正确；自签证书请填写 CA 证书文件。</source>
        <translation>Cannot verify the certificate of {0}: check the address; for a self-signed certificate give the CA certificate file.</translation>
    </message>
    <message>
        <source>{0} 拒绝连接：这个地址和端口上没有接口服务，请核对接口地址。</source>
        <translation>{0} refused the connection: no endpoint runs at this address and port; check the base URL.</translation>
    </message>
    <message>
        <source>找不到主机 {0}：请核对接口地址的拼写。</source>
        <translation>Host {0} not found: check the spelling of the base URL.</translation>
    </message>
    <message>
        <source>无法连接到 {0}：请核对接口地址和网络。</source>
        <translation>Cannot connect to {0}: check the base URL and the network.</translation>
    </message>
    <message>
        <source>{0}接口设置已保存到配置文件</source>
        <translation>{0} endpoint settings saved to the configuration file</translation>
    </message>
</context>
<context>
    <name>AdminHolidays</name>
    <message>
        <source>导入放假安排…</source>
        <translation>Import holiday schedule…</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>休/班</source>
        <translation>Off/Work</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>暂定：</source>
        <translation>Provisional: </translation>
    </message>
    <message>
        <source>休</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>班</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>导入放假安排</source>
        <translation>Import holiday schedule</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv);;所有文件 (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>已导入 {0} 年放假安排，{1} 张在办工单的承诺日期已重新计算</source>
        <translation>Imported the {0} holiday schedule; due dates of {1} open tickets recalculated</translation>
    </message>
</context>
<context>
    <name>AdminLists</name>
    <message>
        <source>收费清单（回执上列出的公示收费项目）</source>
        <translation>Fee list (published fee items printed on receipts)</translation>
    </message>
    <message>
        <source>公示位置</source>
        <translation>Published at</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Utility</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>收费项目</source>
        <translation>Fee item</translation>
    </message>
    <message>
        <source>添加一项</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>删除选中项</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>保存收费清单</source>
        <translation>Save fee list</translation>
    </message>
    <message>
        <source>全部业务</source>
        <translation>All services</translation>
    </message>
    <message>
        <source>收费清单已保存（{0} 项）</source>
        <translation>Fee list saved ({0} items)</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>营业厅与单位接口</source>
        <translation>Hall and endpoints</translation>
    </message>
    <message>
        <source>收费清单</source>
        <translation>Fee list</translation>
    </message>
    <message>
        <source>材料目录</source>
        <translation>Materials catalogue</translation>
    </message>
    <message>
        <source>时限政策</source>
        <translation>Time limits</translation>
    </message>
    <message>
        <source>节假日</source>
        <translation>Holidays</translation>
    </message>
</context>
<context>
    <name>AdminPolicy</name>
    <message>
        <source>子时限</source>
        <translation>Sub-limits</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>红线外行政审批（材料齐全起）</source>
        <translation>Outside-red-line approvals (from complete materials)</translation>
    </message>
    <message>
        <source>短距离外线施工（取得许可起）</source>
        <translation>Short external line construction (from permits)</translation>
    </message>
    <message>
        <source>短距离外线的长度上限</source>
        <translation>Longest short external line</translation>
    </message>
    <message>
        <source>容缺材料补交期限</source>
        <translation>Period for materials that may follow</translation>
    </message>
    <message>
        <source>办结时限规则（自上而下，第一条匹配的规则生效）</source>
        <translation>Completion limit rules (top to bottom, the first match applies)</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Utility</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>电压</source>
        <translation>Voltage</translation>
    </message>
    <message>
        <source>需新建外线</source>
        <translation>New external line</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>Working days</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>添加规则</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <source>删除选中规则</source>
        <translation>Remove selected rule</translation>
    </message>
    <message>
        <source>保存时限政策</source>
        <translation>Save time limits</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>全部业务</source>
        <translation>All services</translation>
    </message>
    <message>
        <source>需要</source>
        <translation>Needed</translation>
    </message>
    <message>
        <source>不需要</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <source>时限政策已保存，{0} 张在办工单的承诺日期已重新计算</source>
        <translation>Time limits saved; due dates of {0} open tickets recalculated</translation>
    </message>
</context>
<context>
    <name>AdminUsers</name>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>新增用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>修改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>锁定至 {0:%H:%M}</source>
        <translation>Locked until {0:%H:%M}</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>已新增用户 {0}</source>
        <translation>User {0} added</translation>
    </message>
    <message>
        <source>已启用 {0}</source>
        <translation>{0} enabled</translation>
    </message>
    <message>
        <source>已停用 {0}</source>
        <translation>{0} disabled</translation>
    </message>
    <message>
        <source>已重置 {0} 的密码</source>
        <translation>{0}&apos;s password reset</translation>
    </message>
    <message>
        <source>已将 {0} 的角色改为 {1}</source>
        <translation>{0}&apos;s role changed to {1}</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>用户名，如 zhangwei 或 cli:root</source>
        <translation>User name, e.g. zhangwei or cli:root</translation>
    </message>
    <message>
        <source>工单号（ID）、受理编号或用户名</source>
        <translation>Ticket id, application no. or user name</translation>
    </message>
    <message>
        <source>以“.”结尾按前缀筛选，如 user.</source>
        <translation>End with &quot;.&quot; to filter by prefix, e.g. user.</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>至</source>
        <translation>To</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Actor</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>第 {0}/{1} 页，共 {2} 条</source>
        <translation>Page {0}/{1}, {2} records</translation>
    </message>
    <message>
        <source>导出审计记录</source>
        <translation>Export audit records</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>审计记录已导出：{0}</source>
        <translation>Audit records exported: {0}</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>受理申请</source>
        <translation>Application accepted</translation>
    </message>
    <message>
        <source>记录评价</source>
        <translation>Rating recorded</translation>
    </message>
    <message>
        <source>记录审计锚点</source>
        <translation>Audit anchor recorded</translation>
    </message>
    <message>
        <source>导出审计记录</source>
        <translation>Audit records exported</translation>
    </message>
    <message>
        <source>更换审计密钥</source>
        <translation>Audit key changed</translation>
    </message>
    <message>
        <source>核验审计记录</source>
        <translation>Audit trail verified</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Database backed up</translation>
    </message>
    <message>
        <source>修改营业厅信息</source>
        <translation>Hall details changed</translation>
    </message>
    <message>
        <source>修改单位接口设置</source>
        <translation>Utility endpoint changed</translation>
    </message>
    <message>
        <source>接收单位进度</source>
        <translation>Utility progress received</translation>
    </message>
    <message>
        <source>重新读取单位进度</source>
        <translation>Utility progress read again</translation>
    </message>
    <message>
        <source>导入放假安排</source>
        <translation>Holiday schedule imported</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Sign-in failed</translation>
    </message>
    <message>
        <source>导出指标报告</source>
        <translation>Indicator report exported</translation>
    </message>
    <message>
        <source>撤销工单</source>
        <translation>Ticket cancelled</translation>
    </message>
    <message>
        <source>登记补交材料</source>
        <translation>Late materials recorded</translation>
    </message>
    <message>
        <source>补交材料已送达单位</source>
        <translation>Late materials delivered to the utility</translation>
    </message>
    <message>
        <source>改派工单</source>
        <translation>Ticket reassigned</translation>
    </message>
    <message>
        <source>更正后重新发送</source>
        <translation>Corrected and re-sent</translation>
    </message>
    <message>
        <source>确认处理</source>
        <translation>Attention acknowledged</translation>
    </message>
    <message>
        <source>单位拒绝撤销</source>
        <translation>Utility refused the cancel</translation>
    </message>
    <message>
        <source>单位拒绝补交材料</source>
        <translation>Utility refused the late materials</translation>
    </message>
    <message>
        <source>新增用户</source>
        <translation>User added</translation>
    </message>
    <message>
        <source>启用或停用用户</source>
        <translation>User enabled or disabled</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>修改角色</source>
        <translation>Role changed</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>单位拒绝接口凭据</source>
        <translation>Utility refused the credentials</translation>
    </message>
    <message>
        <source>培训场景</source>
        <translation>Training scenario</translation>
    </message>
    <message>
        <source>模拟单位停止服务</source>
        <translation>Simulated utility taken out of service</translation>
    </message>
    <message>
        <source>模拟单位恢复服务</source>
        <translation>Simulated utility back in service</translation>
    </message>
    <message>
        <source>更改培训节奏</source>
        <translation>Training pace changed</translation>
    </message>
    <message>
        <source>回执</source>
        <translation>receipt</translation>
    </message>
    <message>
        <source>一次性告知书</source>
        <translation>notice of missing materials</translation>
    </message>
    <message>
        <source>申请表</source>
        <translation>application form</translation>
    </message>
    <message>
        <source>补交材料回执</source>
        <translation>late-materials receipt</translation>
    </message>
    <message>
        <source>时限政策</source>
        <translation>Time limits</translation>
    </message>
    <message>
        <source>收费清单</source>
        <translation>Fee list</translation>
    </message>
    <message>
        <source>材料目录</source>
        <translation>Materials catalogue</translation>
    </message>
    <message>
        <source>自动发送（系统）</source>
        <translation>Automatic delivery (system)</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>原来</source>
        <translation>From</translation>
    </message>
    <message>
        <source>改为</source>
        <translation>To</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>更正的内容</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>份次</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>评分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Utility</translation>
    </message>
    <message>
        <source>单位答复</source>
        <translation>Utility&apos;s answer</translation>
    </message>
    <message>
        <source>连续失败次数</source>
        <translation>Failures in a row</translation>
    </message>
    <message>
        <source>工单数</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>已通知单位</source>
        <translation>Utility told</translation>
    </message>
    <message>
        <source>已排队通知单位</source>
        <translation>Utility to be told</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>受理时间前移天数</source>
        <translation>Reception moved back (days)</translation>
    </message>
    <message>
        <source>立即重试的请求数</source>
        <translation>Requests retried at once</translation>
    </message>
    <message>
        <source>节奏</source>
        <translation>Pace</translation>
    </message>
    <message>
        <source>单位应答</source>
        <translation>Utility answered</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>单位工单号</source>
        <translation>Utility ticket no.</translation>
    </message>
    <message>
        <source>发送次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>打印{0}</source>
        <translation>Printed the {0}</translation>
    </message>
    <message>
        <source>补打{0}</source>
        <translation>Reprinted the {0}</translation>
    </message>
    <message>
        <source>工单状态：{0}</source>
        <translation>Ticket status: {0}</translation>
    </message>
    <message>
        <source>修改{0}</source>
        <translation>Changed: {0}</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>setting</translation>
    </message>
    <message>
        <source>命令行（{0}）</source>
        <translation>Command line ({0})</translation>
    </message>
    <message>
        <source>工单（已不存在）</source>
        <translation>Ticket (no longer exists)</translation>
    </message>
    <message>
        <source>{0} 年放假安排</source>
        <translation>{0} holiday schedule</translation>
    </message>
    <message>
        <source>指标报告</source>
        <translation>Indicator report</translation>
    </message>
    <message>
        <source>修改前后的完整内容见导出的审计记录</source>
        <translation>The whole content before and after is in the exported audit records</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>撤销工单</source>
        <translation>Cancel ticket</translation>
    </message>
    <message>
        <source>撤销 {0} 的这张工单。请写明原因（必填），原因会告知单位并记入日志。</source>
        <translation>Cancel this ticket of {0}. Give the reason (required); the utility is told and it is logged.</translation>
    </message>
    <message>
        <source>例如：申请人不再需要此项业务</source>
        <translation>e.g. the applicant no longer needs this service</translation>
    </message>
    <message>
        <source>请填写撤销原因</source>
        <translation>Please give the reason for cancelling</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <source>一窗通办</source>
        <translation>OneWindow</translation>
    </message>
</context>
<context>
    <name>DeliveryStatus</name>
    <message>
        <source>点击查看需处理和发送延迟的工单</source>
        <translation>Click to see tickets needing attention or delayed</translation>
    </message>
    <message>
        <source>发送状态未知</source>
        <translation>Delivery state unknown</translation>
    </message>
    <message>
        <source>需处理 {0} · 发送延迟 {1}</source>
        <translation>Needs attention {0} · delayed {1}</translation>
    </message>
    <message>
        <source>没有需处理或延迟的工单</source>
        <translation>No tickets need attention or are delayed</translation>
    </message>
</context>
<context>
    <name>DiscardDialog</name>
    <message>
        <source>开始新受理</source>
        <translation>New visit</translation>
    </message>
    <message>
        <source>当前表单还没有提交，清空并开始新受理吗？</source>
        <translation>This form has not been submitted. Clear it and start a new visit?</translation>
    </message>
</context>
<context>
    <name>FieldBox</name>
    <message>
        <source>正确</source>
        <translation>correct</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>回执上无法打印 {0}：请核对，或改用可打印的写法</source>
        <translation>Cannot be printed on the receipt: {0}. Check the name or write it another way</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>个人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>姓名/名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>代办人办理（需授权委托书）</source>
        <translation>Filed by an agent (letter of authorisation needed)</translation>
    </message>
    <message>
        <source>材料（本次办理需要）</source>
        <translation>Documents this visit needs</translation>
    </message>
    <message>
        <source>报装地址与项目</source>
        <translation>Site and project</translation>
    </message>
    <message>
        <source>报装地址</source>
        <translation>Site address</translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <source>规划或施工许可证号（可选）</source>
        <translation>Planning or construction permit no. (optional)</translation>
    </message>
    <message>
        <source>许可证号</source>
        <translation>Permit no.</translation>
    </message>
    <message>
        <source>如 2022-05-10 或 2022年5月10日（可选）</source>
        <translation>e.g. 2022-05-10 (optional)</translation>
    </message>
    <message>
        <source>取得土地日期</source>
        <translation>Land acquired on</translation>
    </message>
    <message>
        <source>申请人同意将本表信息提供给所选供水/供电/供气单位</source>
        <translation>The applicant agrees to share this form with the chosen water/power/gas utilities</translation>
    </message>
    <message>
        <source>提交 Ctrl+Enter</source>
        <translation>Submit Ctrl+Enter</translation>
    </message>
    <message>
        <source>单位全称</source>
        <translation>Full name of the organisation</translation>
    </message>
    <message>
        <source>申请人姓名</source>
        <translation>Applicant&apos;s name</translation>
    </message>
    <message numerus="yes">
        <source>将生成 %n 张工单</source>
        <translation>
            <numerusform>%n ticket will be created</numerusform>
            <numerusform>%n tickets will be created</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>还有 %n 处需要修改</source>
        <translation>
            <numerusform>%n thing left to fix</numerusform>
            <numerusform>%n things left to fix</numerusform>
        </translation>
    </message>
    <message>
        <source>可以提交</source>
        <translation>Ready to submit</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>没有提交：{0}</source>
        <translation>Not submitted: {0}</translation>
    </message>
</context>
<context>
    <name>LeadScreens</name>
    <message>
        <source>统计</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>审计</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>管理</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>统计 超期{0}</source>
        <translation>Overview · {0} overdue</translation>
    </message>
</context>
<context>
    <name>LeadView</name>
    <message>
        <source>所选受理人的全部在办工单</source>
        <translation>All open tickets of the selected clerk</translation>
    </message>
    <message>
        <source>在上方表格中选一位受理人，例如请假时把其工单全部改派</source>
        <translation>Choose a clerk in the table above, e.g. to move all of their tickets while they are away</translation>
    </message>
    <message>
        <source>在办工单</source>
        <translation>Open tickets</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>受理人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>在办工单：按单位和状态</source>
        <translation>Open tickets by utility and status</translation>
    </message>
    <message>
        <source>工单到期情况</source>
        <translation>Tickets by due date</translation>
    </message>
    <message>
        <source>即将到期（2个工作日内）</source>
        <translation>Due within 2 working days</translation>
    </message>
    <message>
        <source>改派…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>指标对比报告（受理日期区间）</source>
        <translation>Indicator report (by date received)</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>至</source>
        <translation>To</translation>
    </message>
    <message>
        <source>{0}（已停用）</source>
        <translation>{0} (disabled)</translation>
    </message>
    <message>
        <source>注意：{0} 张工单已超过承诺办结日期，请尽快督办或改派。</source>
        <translation>Attention: {0} tickets are past their committed date; follow up or reassign them. </translation>
    </message>
    <message>
        <source>最早一张 {0}（{1}），受理人 {2}。</source>
        <translation>The oldest is {0} ({1}), clerk {2}.</translation>
    </message>
    <message>
        <source>已改派 {0} 张工单给 {1}</source>
        <translation>{0} tickets reassigned to {1}</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>保存指标对比报告</source>
        <translation>Save indicator report</translation>
    </message>
    <message>
        <source>报告已保存：{0}</source>
        <translation>Report saved: {0}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>工作站已锁定</source>
        <translation>Workstation locked</translation>
    </message>
    <message>
        <source>{0}（{1}）长时间未操作，工作站已自动锁定。请输入密码继续。</source>
        <translation>{0} ({1}) was idle, so the workstation locked itself. Enter the password to continue.</translation>
    </message>
    <message>
        <source>{0}（{1}）锁定了工作站。请输入密码继续。</source>
        <translation>{0} ({1}) locked the workstation. Enter the password to continue.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>注销/换人</source>
        <translation>Sign out / switch user</translation>
    </message>
    <message>
        <source>已受理的内容都已保存；回到登录窗口，由其他人登录</source>
        <translation>Everything accepted is saved; back to the sign-in window for someone else</translation>
    </message>
    <message>
        <source>{0}（{1}）的密码不正确，请重新输入。</source>
        <translation>Wrong password for {0} ({1}); please type it again.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>✕ 数据库连接中断，正在重连…</source>
        <translation>✕ Database connection lost — reconnecting…</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>版本、数据和配置的位置、许可证（F1）</source>
        <translation>Version, where data and configuration live, licences (F1)</translation>
    </message>
    <message>
        <source>一窗通办 — {0}</source>
        <translation>OneWindow — {0}</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>新受理</source>
        <translation>New visit</translation>
    </message>
    <message>
        <source>锁定工作站</source>
        <translation>Lock workstation</translation>
    </message>
    <message>
        <source>注销/换人</source>
        <translation>Sign out / switch user</translation>
    </message>
    <message>
        <source>切换页面</source>
        <translation>Switch page</translation>
    </message>
    <message>
        <source>新受理 Ctrl+N</source>
        <translation>New visit Ctrl+N</translation>
    </message>
    <message>
        <source>锁定 Ctrl+L</source>
        <translation>Lock Ctrl+L</translation>
    </message>
    <message>
        <source>离开工作台时锁定；输入密码继续</source>
        <translation>Lock when you leave the desk; the password opens it again</translation>
    </message>
    <message>
        <source>回到登录窗口，由其他人登录（Ctrl+Shift+L）；已受理的内容都已保存</source>
        <translation>Back to the sign-in window for someone else (Ctrl+Shift+L); everything accepted is saved</translation>
    </message>
</context>
<context>
    <name>MaterialDialog</name>
    <message>
        <source>补交材料</source>
        <translation>Record late materials</translation>
    </message>
    <message>
        <source>勾选申请人今天带来的材料：</source>
        <translation>Tick the materials the applicant brought today:</translation>
    </message>
    <message>
        <source>登记补交</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>MaterialsChecklist</name>
    <message>
        <source>勾选供水、供电或供气后，这里列出需要的材料</source>
        <translation>Tick water, power or gas to list the documents needed</translation>
    </message>
    <message>
        <source>已收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>不需要</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <source>未收（不能容缺）</source>
        <translation>Not received (cannot follow)</translation>
    </message>
    <message>
        <source>不需要的原因（一句话）</source>
        <translation>Why it is not needed (one line)</translation>
    </message>
    <message>
        <source>容缺（可后补）</source>
        <translation>To follow later</translation>
    </message>
    <message>
        <source>容缺（{0}前补交）</source>
        <translation>To follow by {0}</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>知道了 ×</source>
        <translation>Dismiss ×</translation>
    </message>
    <message>
        <source>关闭这条提示（Esc）</source>
        <translation>Close this message (Esc)</translation>
    </message>
    <message>
        <source>未完成：{0}</source>
        <translation>Not done: {0}</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>新增用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>请填写用户名（不含空格）</source>
        <translation>Enter a user name (no spaces)</translation>
    </message>
</context>
<context>
    <name>PaperCopies</name>
    <message>
        <source>受理回执</source>
        <translation>acceptance receipt</translation>
    </message>
    <message>
        <source>一次性告知书</source>
        <translation>notice of missing materials</translation>
    </message>
    <message>
        <source>报装申请表</source>
        <translation>application form</translation>
    </message>
    <message>
        <source>80毫米卷纸</source>
        <translation>80 mm roll</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>和</source>
        <translation> and </translation>
    </message>
    <message>
        <source>打印{0}</source>
        <translation>Print {0}</translation>
    </message>
    <message>
        <source>{0}没有打印：{1}</source>
        <translation>Not printed, {0}: {1}</translation>
    </message>
    <message>
        <source>{0}已送打印机（{1} 页）</source>
        <translation>Sent to the printer: {0}, pages: {1}</translation>
    </message>
    <message>
        <source>{0}已保存到 {1}</source>
        <translation>Saved to {1}: {0}</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Enter again</translation>
    </message>
    <message>
        <source>密码至少 {0} 位</source>
        <translation>At least {0} characters</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Page &amp;order:</source>
        <translation>Page &amp;order:</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>Pages &amp;per sheet:</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>Page &amp;Set:</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>改派工单</source>
        <translation>Reassign tickets</translation>
    </message>
    <message>
        <source>将选中的 {0} 张工单改派给：</source>
        <translation>Reassign the {0} selected tickets to:</translation>
    </message>
    <message>
        <source>受理人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>必填，例如：张伟下午请假，由李娜跟进</source>
        <translation>Required, e.g. Zhang Wei is away this afternoon, Li Na follows up</translation>
    </message>
    <message>
        <source>改派原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>请填写改派原因</source>
        <translation>Please give the reason for reassigning</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>没有改派：{0}</source>
        <translation>Not reassigned: {0}</translation>
    </message>
    <message>
        <source>正在改派…</source>
        <translation>Reassigning…</translation>
    </message>
    <message>
        <source>改派原因最多 {0} 字</source>
        <translation>The reason may have at most {0} characters</translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <source>更正后重新发送</source>
        <translation>Correct and re-send</translation>
    </message>
    <message>
        <source>单位退回了这张工单。按单位的意见更正下列内容，再重新发送：</source>
        <translation>The utility returned this ticket. Correct the items below as it asks, then re-send:</translation>
    </message>
    <message>
        <source>重新发送</source>
        <translation>Re-send</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>重置 {0} 的密码</source>
        <translation>Reset {0}&apos;s password</translation>
    </message>
    <message>
        <source>用户下次登录时须修改密码。</source>
        <translation>The user must change the password at the next sign-in.</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>填有许可证号（建设项目）</source>
        <translation>A permit number is given (construction project)</translation>
    </message>
    <message>
        <source>代办人办理</source>
        <translation>Filed by an agent</translation>
    </message>
    <message>
        <source>需要的单位</source>
        <translation>Needed by</translation>
    </message>
    <message>
        <source>限于业务</source>
        <translation>Only for services</translation>
    </message>
    <message>
        <source>限于申请人</source>
        <translation>Only for applicants</translation>
    </message>
    <message>
        <source>条件（均须满足）</source>
        <translation>Conditions (all must hold)</translation>
    </message>
    <message>
        <source>来源，如：营业厅惯例，待供水单位确认</source>
        <translation>Source, e.g. hall practice, to be confirmed by the water utility</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>业务、申请人都不勾选表示不限；条件都勾选时须同时满足</source>
        <translation>No service or applicant ticked means any; ticked conditions must all hold</translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ScenarioButton</name>
    <message>
        <source>培训场景</source>
        <translation>Training scenarios</translation>
    </message>
    <message>
        <source>培训模式：让受理单位拒绝撤销、退回补正、不予受理，或使工单超期</source>
        <translation>Training mode: have the utility refuse a cancel, return or refuse the ticket, or make it overdue</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>已退出登录：{0}</source>
        <translation>Signed out: {0}</translation>
    </message>
    <message>
        <source>一窗通办 — 登录</source>
        <translation>OneWindow — Sign in</translation>
    </message>
    <message>
        <source>一窗通办 · 水电气联合报装</source>
        <translation>OneWindow · Water, power and gas connections</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>修改密码并登录</source>
        <translation>Change password and sign in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>培训账户：trainee 受理员、lead 班组长、admin 管理员，密码均为 training</source>
        <translation>Training accounts: trainee (clerk), lead (team lead), admin (administrator); the password of each is training</translation>
    </message>
    <message>
        <source>还没有任何用户。请管理员先在命令行创建：onewindow user add 用户名 --role admin</source>
        <translation>There are no users yet. An administrator creates the first one on the command line: onewindow user add NAME --role admin</translation>
    </message>
    <message>
        <source>无法启动：{0}</source>
        <translation>Cannot start: {0}</translation>
    </message>
    <message>
        <source>管理员重置了您的密码。请设置新密码（至少 8 位）后继续。</source>
        <translation>An administrator reset your password. Choose a new one (at least 8 characters) to continue.</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致，请重新输入。</source>
        <translation>The two new passwords differ; please enter them again.</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>TicketDetail</name>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <source>许可证号</source>
        <translation>Permit no.</translation>
    </message>
    <message>
        <source>取得土地日期</source>
        <translation>Land acquired on</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Account no.</translation>
    </message>
</context>
<context>
    <name>TicketDetailPane</name>
    <message>
        <source>在左侧列表中选择一张工单，这里显示它的进度、时限、材料和可办的操作。</source>
        <translation>Select a ticket in the list: its progress, time limit, materials and actions show here.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>单位工单号</source>
        <translation>Utility ticket no.</translation>
    </message>
    <message>
        <source>待分配</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>联系人 {0}</source>
        <translation>Contact {0}</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>{0}，{1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>未分派</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>此业务没有设定办理时限</source>
        <translation>No time limit is set for this service</translation>
    </message>
    <message>
        <source>承诺办结 {0} 暂定</source>
        <translation>Due {0} (provisional)</translation>
    </message>
    <message>
        <source>承诺办结 {0}</source>
        <translation>Due {0}</translation>
    </message>
    <message>
        <source>时限 {0} 个工作日</source>
        <translation>Limit {0} working days</translation>
    </message>
    <message>
        <source>已结束计时</source>
        <translation>Clock stopped</translation>
    </message>
    <message>
        <source>计时暂停中（等待申请人、审批或施工）</source>
        <translation>Clock paused (waiting on applicant, approval or construction)</translation>
    </message>
    <message>
        <source>已超期 {0} 个工作日</source>
        <translation>Overdue by {0} working days</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>剩 {0} 个工作日</source>
        <translation>{0} working days left</translation>
    </message>
    <message>
        <source>已暂停 {0} 个工作日（不计入时限）</source>
        <translation>Paused {0} working days (not counted)</translation>
    </message>
    <message>
        <source>个工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <source>天</source>
        <translation>days</translation>
    </message>
    <message>
        <source>{0}：{1}{2}，{3}前完成</source>
        <translation>{0}: {1} {2}, by {3}</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>暂定：办结日所在年份的放假安排尚未公布，日期按法定假日推算。</source>
        <translation>Provisional: the due date&apos;s year has no published holiday schedule yet; reckoned from the statutory holidays.</translation>
    </message>
    <message>
        <source>单位退回意见（需处理）</source>
        <translation>Utility&apos;s reasons for returning (needs attention)</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>☑ {0}（{1}补交）</source>
        <translation>☑ {0} (brought {1})</translation>
    </message>
    <message>
        <source>☑ {0}</source>
        <translation>☑ {0}</translation>
    </message>
    <message>
        <source>— {0}：不需要（{1}）</source>
        <translation>— {0}: not needed ({1})</translation>
    </message>
    <message>
        <source>☐ {0}</source>
        <translation>☐ {0}</translation>
    </message>
    <message>
        <source>☐ {0} — 已过补交期限 {1}</source>
        <translation>☐ {0} — overdue since {1}</translation>
    </message>
    <message>
        <source>☐ {0} — {1}前补交</source>
        <translation>☐ {0} — due by {1}</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>代办许可</source>
        <translation>Permits handled</translation>
    </message>
    <message>
        <source>{0} — {1}（{2}）</source>
        <translation>{0} — {1} ({2})</translation>
    </message>
    <message>
        <source>补交材料</source>
        <translation>Record late materials</translation>
    </message>
    <message>
        <source>更正后重新发送</source>
        <translation>Correct and re-send</translation>
    </message>
    <message>
        <source>补打回执</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <source>撤销工单…</source>
        <translation>Cancel ticket…</translation>
    </message>
    <message>
        <source>打印补交材料回执</source>
        <translation>Print the late-materials receipt</translation>
    </message>
    <message>
        <source>已登记补交材料，将通知单位（回执未打印）</source>
        <translation>Late materials recorded; the utilities will be told (receipt not printed)</translation>
    </message>
    <message>
        <source>已登记补交材料，回执没有打印：{0}</source>
        <translation>Late materials recorded; the receipt was not printed: {0}</translation>
    </message>
    <message>
        <source>已登记补交材料，将通知单位；补交材料回执已送打印机，共 {0} 页</source>
        <translation>Late materials recorded; the utilities will be told; receipt sent to the printer, {0} pages</translation>
    </message>
    <message>
        <source>已知悉，不再提示</source>
        <translation>Seen, stop flagging</translation>
    </message>
    <message>
        <source>已提交撤销申请，等待单位确认（撤销中）</source>
        <translation>Cancel requested; waiting for the utility to confirm (Cancel requested)</translation>
    </message>
    <message>
        <source>已知悉，该工单不再显示为需处理</source>
        <translation>Seen; the ticket no longer shows as needing attention</translation>
    </message>
    <message>
        <source>工单已撤销</source>
        <translation>Ticket cancelled</translation>
    </message>
    <message>
        <source>已更正，工单重新排队发送</source>
        <translation>Corrected; the ticket is queued to be sent again</translation>
    </message>
    <message>
        <source>补打告知书</source>
        <translation>Reprint notice</translation>
    </message>
</context>
<context>
    <name>TicketListPage</name>
    <message>
        <source>搜索：受理编号、姓名、电话或单位工单号</source>
        <translation>Search: application no., name, phone or utility ticket no.</translation>
    </message>
    <message>
        <source>我的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新查询列表（F5）</source>
        <translation>Query the list again (F5)</translation>
    </message>
    <message>
        <source>状态（{0}）</source>
        <translation>Status ({0})</translation>
    </message>
    <message>
        <source>共 {0} 张</source>
        <translation>{0} tickets</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>Searching…</translation>
    </message>
</context>
<context>
    <name>TicketScreens</name>
    <message>
        <source>工单</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>待办</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>待办 {0}</source>
        <translation>To do {0}</translation>
    </message>
</context>
<context>
    <name>TicketTableModel</name>
    <message>
        <source>受理编号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Utility</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>单位工单号</source>
        <translation>Utility ticket no.</translation>
    </message>
    <message>
        <source>承诺办结</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>待分配</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>暂定</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>未分派</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>计时暂停</source>
        <translation>Clock paused</translation>
    </message>
    <message>
        <source>已超期 {0} 个工作日</source>
        <translation>Overdue by {0} working days</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>剩 {0} 个工作日</source>
        <translation>{0} working days left</translation>
    </message>
    <message>
        <source>办结日所在年份的放假安排尚未公布，日期按法定假日推算，为暂定</source>
        <translation>The holiday schedule of the due date&apos;s year is not published yet; the date is reckoned from the statutory holidays and is provisional</translation>
    </message>
    <message>
        <source>等待申请人、审批或施工期间不计入办理时限</source>
        <translation>Time waiting on the applicant, approvals or construction does not count</translation>
    </message>
    <message>
        <source>单位尚未返回工单号</source>
        <translation>The utility has not sent its ticket number yet</translation>
    </message>
</context>
<context>
    <name>TodoPage</name>
    <message>
        <source>我的待办：今日到期、已超期和需处理的工单，共 {0} 张，最早受理的在前</source>
        <translation>My to-do: {0} tickets due today, overdue or needing attention, oldest first</translation>
    </message>
    <message>
        <source>我的待办：没有今日到期、已超期或需处理的工单</source>
        <translation>My to-do: nothing due today, overdue or needing attention</translation>
    </message>
</context>
<context>
    <name>TrainingControls</name>
    <message>
        <source>培训设置</source>
        <translation>Training settings</translation>
    </message>
    <message>
        <source>模拟单位的办理节奏；让某个模拟单位停止服务（Ctrl+Shift+T）</source>
        <translation>How fast the simulated utilities work; take a simulated utility out of service (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <source>办理节奏</source>
        <translation>Pace</translation>
    </message>
    <message>
        <source>模拟单位</source>
        <translation>Simulated utilities</translation>
    </message>
    <message>
        <source>{0}停止服务</source>
        <translation>{0} out of service</translation>
    </message>
    <message>
        <source>勾选后该模拟单位拒绝一切请求，取消勾选即恢复</source>
        <translation>Ticked, this simulated utility refuses every request; untick to bring it back</translation>
    </message>
</context>
<context>
    <name>UtilityCard</name>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>原户号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>用水性质</source>
        <translation>Water use</translation>
    </message>
    <message>
        <source>口径 DN</source>
        <translation>Diameter DN</translation>
    </message>
    <message>
        <source>日用水量 m³</source>
        <translation>Daily volume m³</translation>
    </message>
    <message>
        <source>用电类别</source>
        <translation>Power use</translation>
    </message>
    <message>
        <source>报装容量 kW</source>
        <translation>Capacity kW</translation>
    </message>
    <message>
        <source>电压等级</source>
        <translation>Voltage</translation>
    </message>
    <message>
        <source>用气性质</source>
        <translation>Gas use</translation>
    </message>
    <message>
        <source>月用气量 m³</source>
        <translation>Monthly volume m³</translation>
    </message>
    <message>
        <source>需新建外线（建筑区划红线外）</source>
        <translation>New external line needed (outside the red line)</translation>
    </message>
    <message>
        <source>外线长度 m</source>
        <translation>External line m</translation>
    </message>
    <message>
        <source>代办许可</source>
        <translation>Permits handled</translation>
    </message>
    <message>
        <source>由供气单位代为办理的行政许可</source>
        <translation>Permits the gas utility obtains on the applicant&apos;s behalf</translation>
    </message>
</context>
<context>
    <name>UtilityIndicator</name>
    <message>
        <source>正常</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>重试中</source>
        <translation>Retrying</translation>
    </message>
    <message>
        <source>凭据被拒</source>
        <translation>Credentials refused</translation>
    </message>
    <message>
        <source>未配置</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <source>{0}：工单正常发送</source>
        <translation>{0}: tickets are being delivered</translation>
    </message>
    <message>
        <source>{0}：暂时连不上，正在自动重试，工单不会丢失</source>
        <translation>{0}: unreachable for now, retrying automatically; no ticket is lost</translation>
    </message>
    <message>
        <source>{0}：接口凭据被拒绝，已停止向该单位发送；请管理员检查接口设置</source>
        <translation>{0}: credentials refused, sending to this utility stopped; an administrator must check the endpoint settings</translation>
    </message>
    <message>
        <source>{0}：未配置接口，工单留在本机待发送</source>
        <translation>{0}: no endpoint configured; tickets wait here to be sent</translation>
    </message>
    <message>
        <source>待发送请求 {0} 个</source>
        <translation>{0} requests waiting</translation>
    </message>
    <message>
        <source>需处理 {0} 张，发送延迟 {1} 张</source>
        <translation>{0} need attention, {1} delayed</translation>
    </message>
    <message>
        <source>最近一次成功：{0} {1}</source>
        <translation>Last success: {0} {1}</translation>
    </message>
    <message>
        <source>最近的错误：{0}</source>
        <translation>Last error: {0}</translation>
    </message>
    <message>
        <source>点击查看该单位待发送的工单</source>
        <translation>Click to see this utility&apos;s waiting tickets</translation>
    </message>
</context>
<context>
    <name>VisitResult</name>
    <message>
        <source>受理成功 · 受理编号</source>
        <translation>Accepted · application no.</translation>
    </message>
    <message>
        <source>A4 纸</source>
        <translation>A4 paper</translation>
    </message>
    <message>
        <source>80 毫米热敏卷纸</source>
        <translation>80 mm thermal roll</translation>
    </message>
    <message>
        <source>打印 Ctrl+P</source>
        <translation>Print Ctrl+P</translation>
    </message>
    <message>
        <source>打印一次性告知书</source>
        <translation>Print notice of missing materials</translation>
    </message>
    <message>
        <source>另存为 PDF Ctrl+S</source>
        <translation>Save as PDF Ctrl+S</translation>
    </message>
    <message>
        <source>下一位：按 Ctrl+N 开始新受理</source>
        <translation>Next applicant: Ctrl+N starts a new visit</translation>
    </message>
    <message>
        <source>请申请人评价本次服务（好差评）</source>
        <translation>Ask the applicant to rate this visit</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Acceptable</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>意见或建议（可选）</source>
        <translation>Comment or suggestion (optional)</translation>
    </message>
    <message>
        <source>记录评价</source>
        <translation>Record rating</translation>
    </message>
    <message>
        <source>受理时间 {0} {1}</source>
        <translation>Received {0} {1}</translation>
    </message>
    <message>
        <source>容缺补交（{0}前）：{1}</source>
        <translation>To follow (by {0}): {1}</translation>
    </message>
    <message>
        <source>容缺补交：{0}</source>
        <translation>To follow: {0}</translation>
    </message>
    <message>
        <source>材料已齐全</source>
        <translation>All materials received</translation>
    </message>
    <message>
        <source>正在生成回执…</source>
        <translation>Preparing the receipt…</translation>
    </message>
    <message>
        <source>办结时间以供应单位答复为准</source>
        <translation>Completion date as the utility answers</translation>
    </message>
    <message>
        <source>承诺 {0} 前办结</source>
        <translation>Committed by {0}</translation>
    </message>
    <message>
        <source>（暂定：当年节假日安排尚未公布）</source>
        <translation> (provisional: that year&apos;s holidays are not published yet)</translation>
    </message>
    <message>
        <source>回执生成失败：{0}</source>
        <translation>The receipt could not be made: {0}</translation>
    </message>
    <message>
        <source>一次性告知书</source>
        <translation>Notice of missing materials</translation>
    </message>
    <message>
        <source>已记录评价：{0} 分</source>
        <translation>Rating recorded: {0}</translation>
    </message>
    <message>
        <source>受理回执</source>
        <translation>Acceptance receipt</translation>
    </message>
    <message>
        <source>打印申请表</source>
        <translation>Print application form</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>一窗通办已在运行，已切换到它的窗口。</source>
        <translation>OneWindow is already running; switched to its window.</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>Counter {0}</source>
        <translation>Counter {0}</translation>
    </message>
</context>
<context>
    <name>look</name>
    <message>
        <source>培训模式 — 数据不会发送到真实单位</source>
        <translation>TRAINING — nothing is sent to a real utility</translation>
    </message>
</context>
<context>
    <name>sign_in</name>
    <message>
        <source>密码连续错误 5 次，账户已锁定，请于 {0} 后再登录，或请管理员解锁。</source>
        <translation>Five wrong passwords in a row: the account is locked. Sign in again after {0}, or ask an administrator to unlock it.</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>出现意外错误，操作没有完成。详细信息已记入日志 {0}，请联系管理员。</source>
        <translation>Something unexpected went wrong and the action was not completed. The details are in the log {0}; please tell your administrator.</translation>
    </message>
</context>
</TS>
