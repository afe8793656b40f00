<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AboutBox</name>
    <message>
        <source>关于 一窗通办</source>
        <translation>关于 一窗通办</translation>
    </message>
    <message>
        <source>一窗通办 OneWindow {0}</source>
        <translation>一窗通办 OneWindow {0}</translation>
    </message>
    <message>
        <source>无（培训模式）；正式使用时写入 {0}</source>
        <translation>无（培训模式）；正式使用时写入 {0}</translation>
    </message>
    <message>
        <source>配置文件：</source>
        <translation>配置文件：</translation>
    </message>
    <message>
        <source>数据文件夹：</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>随附的字体和软件库及其许可证：</source>
        <translation>随附的字体和软件库及其许可证：</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>许可证</source>
        <translation>许可证</translation>
    </message>
</context>
<context>
    <name>AdminCatalogue</name>
    <message>
        <source>许可证号</source>
        <translation type="unfinished">许可证号</translation>
    </message>
    <message>
        <source>代办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>英文代码，如 fire_plan（保存后不可改）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可以容缺（申请人以后补交）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称</source>
        <translation type="unfinished">名称</translation>
    </message>
    <message>
        <source>为什么需要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加规则</source>
        <translation type="unfinished">添加规则</translation>
    </message>
    <message>
        <source>删除规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存该材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished">时间</translation>
    </message>
    <message>
        <source>修改人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料</source>
        <translation type="unfinished">材料</translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished">操作</translation>
    </message>
    <message>
        <source>改动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料目录已保存：{0}。新受理的申请按新目录核对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已从材料目录删除：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminEndpoints</name>
    <message>
        <source>培训模式没有配置文件：这里的设置只能查看。</source>
        <translation>培训模式没有配置文件：这里的设置只能查看。</translation>
    </message>
    <message>
        <source>营业厅</source>
        <translation>营业厅</translation>
    </message>
    <message>
        <source>营业厅代码</source>
        <translation>营业厅代码</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>监督电话</source>
        <translation>监督电话</translation>
    </message>
    <message>
        <source>保存营业厅信息</source>
        <translation>保存营业厅信息</translation>
    </message>
    <message>
        <source>营业厅信息已保存到配置文件</source>
        <translation>营业厅信息已保存到配置文件</translation>
    </message>
    <message>
        <source>单位接口</source>
        <translation>单位接口</translation>
    </message>
    <message>
        <source>或填环境变量名，如 OW_GAS_TOKEN</source>
        <translation>或填环境变量名，如 OW_GAS_TOKEN</translation>
    </message>
    <message>
        <source>或填环境变量名</source>
        <translation>或填环境变量名</translation>
    </message>
    <message>
        <source>删除签名密钥</source>
        <translation>删除签名密钥</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>自签证书时填 CA 证书文件路径</source>
        <translation>自签证书时填 CA 证书文件路径</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>接口地址</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <source>令牌</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>签名密钥</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>服务电话</source>
        <translation>服务电话</translation>
    </message>
    <message>
        <source>CA 证书</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>保存接口设置</source>
        <translation>保存接口设置</translation>
    </message>
    <message>
        <source>{0}；留空则不变</source>
        <translation>{0}；留空则不变</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>连接正常：{0}的接口在 {1} 毫秒内应答。</source>
        <translation>连接正常：{0}的接口在 {1} 毫秒内应答。</translation>
    </message>
    <message>
        <source>{0}的接口拒绝了令牌或签名（HTTP {1}）：请核对令牌和签名密钥。</source>
        <translation>{0}的接口拒绝了令牌或签名（HTTP {1}）：请核对令牌和签名密钥。</translation>
    </message>
    <message>
        <source>{0}的接口有应答，但不正常（HTTP {1}）：请联系该单位的技术人员。</source>
        <translation>{0}的接口有应答，但不正常（HTTP {1}）：请联系该单位的技术人员。</translation>
    </message>
    <message>
        <source>{0}（{1}）在 {2:g} 秒内没有应答：主机可能已关机，或地址、网络有误。</source>
        <translation>{0}（{1}）在 {2:g} 秒内没有应答：主机可能已关机，或地址、网络有误。</translation>
    </message>
    <message>
        <source>无法确认 {0} 的证书：请核对地址是否正确；自签证书请填写 CA 证书文件。</source>
        <translation>无法确认 {0} 的证书：请核对地址是否正确；自签证书请填写 CA 证书文件。</translation>
    </message>
    <message>
        <source>{0} 拒绝连接：这个地址和端口上没有接口服务，请核对接口地址。</source>
        <translation>{0} 拒绝连接：这个地址和端口上没有接口服务，请核对接口地址。</translation>
    </message>
    <message>
        <source>找不到主机 {0}：请核对接口地址的拼写。</source>
        <translation>找不到主机 {0}：请核对接口地址的拼写。</translation>
    </message>
    <message>
        <source>无法连接到 {0}：请核对接口地址和网络。</source>
        <translation>无法连接到 {0}：请核对接口地址和网络。</translation>
    </message>
    <message>
        <source>{0}接口设置已保存到配置文件</source>
        <translation>{0}接口设置已保存到配置文件</translation>
    </message>
</context>
<context>
    <name>AdminHolidays</name>
    <message>
        <source>导入放假安排…</source>
        <translation>导入放假安排…</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>休/班</source>
        <translation>休/班</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>暂定：</source>
        <translation>暂定：</translation>
    </message>
    <message>
        <source>休</source>
        <translation>休</translation>
    </message>
    <message>
        <source>班</source>
        <translation>班</translation>
    </message>
    <message>
        <source>导入放假安排</source>
        <translation>导入放假安排</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv);;所有文件 (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>已导入 {0} 年放假安排，{1} 张在办工单的承诺日期已重新计算</source>
        <translation>已导入 {0} 年放假安排，{1} 张在办工单的承诺日期已重新计算</translation>
    </message>
</context>
<context>
    <name>AdminLists</name>
    <message>
        <source>收费清单（回执上列出的公示收费项目）</source>
        <translation>收费清单（回执上列出的公示收费项目）</translation>
    </message>
    <message>
        <source>公示位置</source>
        <translation>公示位置</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>收费项目</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>添加一项</source>
        <translation>添加一项</translation>
    </message>
    <message>
        <source>删除选中项</source>
        <translation>删除选中项</translation>
    </message>
    <message>
        <source>保存收费清单</source>
        <translation>保存收费清单</translation>
    </message>
    <message>
        <source>全部业务</source>
        <translation>全部业务</translation>
    </message>
    <message>
        <source>收费清单已保存（{0} 项）</source>
        <translation>收费清单已保存（{0} 项）</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>用户</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>营业厅与单位接口</source>
        <translation>营业厅与单位接口</translation>
    </message>
    <message>
        <source>收费清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时限政策</source>
        <translation>时限政策</translation>
    </message>
    <message>
        <source>节假日</source>
        <translation>节假日</translation>
    </message>
</context>
<context>
    <name>AdminPolicy</name>
    <message>
        <source>子时限</source>
        <translation>子时限</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>红线外行政审批（材料齐全起）</source>
        <translation>红线外行政审批（材料齐全起）</translation>
    </message>
    <message>
        <source>短距离外线施工（取得许可起）</source>
        <translation>短距离外线施工（取得许可起）</translation>
    </message>
    <message>
        <source>短距离外线的长度上限</source>
        <translation>短距离外线的长度上限</translation>
    </message>
    <message>
        <source>容缺材料补交期限</source>
        <translation>容缺材料补交期限</translation>
    </message>
    <message>
        <source>办结时限规则（自上而下，第一条匹配的规则生效）</source>
        <translation>办结时限规则（自上而下，第一条匹配的规则生效）</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>电压</source>
        <translation>电压</translation>
    </message>
    <message>
        <source>需新建外线</source>
        <translation>需新建外线</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>添加规则</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>删除选中规则</source>
        <translation>删除选中规则</translation>
    </message>
    <message>
        <source>保存时限政策</source>
        <translation>保存时限政策</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>全部业务</source>
        <translation>全部业务</translation>
    </message>
    <message>
        <source>需要</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>不需要</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>时限政策已保存，{0} 张在办工单的承诺日期已重新计算</source>
        <translation>时限政策已保存，{0} 张在办工单的承诺日期已重新计算</translation>
    </message>
</context>
<context>
    <name>AdminUsers</name>
    <message>
        <source>正常</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>新增用户…</source>
        <translation>新增用户…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>修改角色</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>锁定至 {0:%H:%M}</source>
        <translation>锁定至 {0:%H:%M}</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>已新增用户 {0}</source>
        <translation>已新增用户 {0}</translation>
    </message>
    <message>
        <source>已启用 {0}</source>
        <translation>已启用 {0}</translation>
    </message>
    <message>
        <source>已停用 {0}</source>
        <translation>已停用 {0}</translation>
    </message>
    <message>
        <source>已重置 {0} 的密码</source>
        <translation>已重置 {0} 的密码</translation>
    </message>
    <message>
        <source>已将 {0} 的角色改为 {1}</source>
        <translation>已将 {0} 的角色改为 {1}</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>用户名，如 zhangwei 或 cli:root</source>
        <translation>用户名，如 zhangwei 或 cli:root</translation>
    </message>
    <message>
        <source>工单号（ID）、受理编号或用户名</source>
        <translation>工单号（ID）、受理编号或用户名</translation>
    </message>
    <message>
        <source>以“.”结尾按前缀筛选，如 user.</source>
        <translation>以“.”结尾按前缀筛选，如 user.</translation>
    </message>
    <message>
        <source>从</source>
        <translation>从</translation>
    </message>
    <message>
        <source>至</source>
        <translation>至</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>导出 CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>第 {0}/{1} 页，共 {2} 条</source>
        <translation>第 {0}/{1} 页，共 {2} 条</translation>
    </message>
    <message>
        <source>导出审计记录</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>审计记录已导出：{0}</source>
        <translation>审计记录已导出：{0}</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>受理申请</source>
        <translation>受理申请</translation>
    </message>
    <message>
        <source>记录评价</source>
        <translation>记录评价</translation>
    </message>
    <message>
        <source>记录审计锚点</source>
        <translation>记录审计锚点</translation>
    </message>
    <message>
        <source>导出审计记录</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>更换审计密钥</source>
        <translation>更换审计密钥</translation>
    </message>
    <message>
        <source>核验审计记录</source>
        <translation>核验审计记录</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>修改营业厅信息</source>
        <translation>修改营业厅信息</translation>
    </message>
    <message>
        <source>修改单位接口设置</source>
        <translation>修改单位接口设置</translation>
    </message>
    <message>
        <source>接收单位进度</source>
        <translation>接收单位进度</translation>
    </message>
    <message>
        <source>重新读取单位进度</source>
        <translation>重新读取单位进度</translation>
    </message>
    <message>
        <source>导入放假安排</source>
        <translation>导入放假安排</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>导出指标报告</source>
        <translation>导出指标报告</translation>
    </message>
    <message>
        <source>撤销工单</source>
        <translation>撤销工单</translation>
    </message>
    <message>
        <source>登记补交材料</source>
        <translation>登记补交材料</translation>
    </message>
    <message>
        <source>改派工单</source>
        <translation>改派工单</translation>
    </message>
    <message>
        <source>更正后重新发送</source>
        <translation>更正后重新发送</translation>
    </message>
    <message>
        <source>单位拒绝撤销</source>
        <translation>单位拒绝撤销</translation>
    </message>
    <message>
        <source>单位拒绝补交材料</source>
        <translation>单位拒绝补交材料</translation>
    </message>
    <message>
        <source>新增用户</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>启用或停用用户</source>
        <translation>启用或停用用户</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>修改角色</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>单位拒绝接口凭据</source>
        <translation>单位拒绝接口凭据</translation>
    </message>
    <message>
        <source>回执</source>
        <translation>回执</translation>
    </message>
    <message>
        <source>一次性告知书</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <source>申请表</source>
        <translation>申请表</translation>
    </message>
    <message>
        <source>补交材料回执</source>
        <translation>补交材料回执</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>原来</source>
        <translation>原来</translation>
    </message>
    <message>
        <source>改为</source>
        <translation>改为</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>更正的内容</source>
        <translation>更正的内容</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>种类</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>份次</source>
        <translation>份次</translation>
    </message>
    <message>
        <source>评分</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>单位答复</source>
        <translation>单位答复</translation>
    </message>
    <message>
        <source>连续失败次数</source>
        <translation>连续失败次数</translation>
    </message>
    <message>
        <source>工单数</source>
        <translation>工单数</translation>
    </message>
    <message>
        <source>已通知单位</source>
        <translation>已通知单位</translation>
    </message>
    <message>
        <source>已排队通知单位</source>
        <translation>已排队通知单位</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>打印{0}</source>
        <translation>打印{0}</translation>
    </message>
    <message>
        <source>补打{0}</source>
        <translation>补打{0}</translation>
    </message>
    <message>
        <source>工单状态：{0}</source>
        <translation>工单状态：{0}</translation>
    </message>
    <message>
        <source>修改设置：{0}</source>
        <translation>修改设置：{0}</translation>
    </message>
    <message>
        <source>命令行（{0}）</source>
        <translation>命令行（{0}）</translation>
    </message>
    <message>
        <source>工单（已不存在）</source>
        <translation>工单（已不存在）</translation>
    </message>
    <message>
        <source>{0} 年放假安排</source>
        <translation>{0} 年放假安排</translation>
    </message>
    <message>
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <source>否</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>撤销工单</source>
        <translation>撤销工单</translation>
    </message>
    <message>
        <source>撤销 {0} 的这张工单。请写明原因（必填），原因会告知单位并记入日志。</source>
        <translation>撤销 {0} 的这张工单。请写明原因（必填），原因会告知单位并记入日志。</translation>
    </message>
    <message>
        <source>例如：申请人不再需要此项业务</source>
        <translation>例如：申请人不再需要此项业务</translation>
    </message>
    <message>
        <source>请填写撤销原因</source>
        <translation>请填写撤销原因</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <source>一窗通办</source>
        <translation>一窗通办</translation>
    </message>
</context>
<context>
    <name>DeliveryStatus</name>
    <message>
        <source>点击查看需处理和发送延迟的工单</source>
        <translation>点击查看需处理和发送延迟的工单</translation>
    </message>
    <message>
        <source>发送状态未知</source>
        <translation>发送状态未知</translation>
    </message>
    <message>
        <source>需处理 {0} · 发送延迟 {1}</source>
        <translation>需处理 {0} · 发送延迟 {1}</translation>
    </message>
    <message>
        <source>没有需处理或延迟的工单</source>
        <translation>没有需处理或延迟的工单</translation>
    </message>
</context>
<context>
    <name>DiscardDialog</name>
    <message>
        <source>开始新受理</source>
        <translation>开始新受理</translation>
    </message>
    <message>
        <source>当前表单还没有提交，清空并开始新受理吗？</source>
        <translation>当前表单还没有提交，清空并开始新受理吗？</translation>
    </message>
</context>
<context>
    <name>FieldBox</name>
    <message>
        <source>正确</source>
        <translation>正确</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>回执上无法打印 {0}：请核对，或改用可打印的写法</source>
        <translation>回执上无法打印 {0}：请核对，或改用可打印的写法</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>个人</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>姓名/名称</source>
        <translation>姓名/名称</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>代办人办理（需授权委托书）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料（本次办理需要）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报装地址与项目</source>
        <translation>报装地址与项目</translation>
    </message>
    <message>
        <source>报装地址</source>
        <translation>报装地址</translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>规划或施工许可证号（可选）</source>
        <translation>规划或施工许可证号（可选）</translation>
    </message>
    <message>
        <source>许可证号</source>
        <translation>许可证号</translation>
    </message>
    <message>
        <source>如 2022-05-10 或 2022年5月10日（可选）</source>
        <translation>如 2022-05-10 或 2022年5月10日（可选）</translation>
    </message>
    <message>
        <source>取得土地日期</source>
        <translation>取得土地日期</translation>
    </message>
    <message>
        <source>申请人同意将本表信息提供给所选供水/供电/供气单位</source>
        <translation>申请人同意将本表信息提供给所选供水/供电/供气单位</translation>
    </message>
    <message>
        <source>提交 Ctrl+Enter</source>
        <translation>提交 Ctrl+Enter</translation>
    </message>
    <message>
        <source>单位全称</source>
        <translation>单位全称</translation>
    </message>
    <message>
        <source>申请人姓名</source>
        <translation>申请人姓名</translation>
    </message>
    <message numerus="yes">
        <source>将生成 %n 张工单</source>
        <translation>
            <numerusform>将生成 %n 张工单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>还有 %n 处需要修改</source>
        <translation>
            <numerusform>还有 %n 处需要修改</numerusform>
        </translation>
    </message>
    <message>
        <source>可以提交</source>
        <translation>可以提交</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>没有提交：{0}</source>
        <translation>没有提交：{0}</translation>
    </message>
</context>
<context>
    <name>LeadScreens</name>
    <message>
        <source>统计</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>审计</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>管理</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>统计 超期{0}</source>
        <translation>统计 超期{0}</translation>
    </message>
</context>
<context>
    <name>LeadView</name>
    <message>
        <source>所选受理人的全部在办工单</source>
        <translation>所选受理人的全部在办工单</translation>
    </message>
    <message>
        <source>在上方表格中选一位受理人，例如请假时把其工单全部改派</source>
        <translation>在上方表格中选一位受理人，例如请假时把其工单全部改派</translation>
    </message>
    <message>
        <source>在办工单</source>
        <translation>在办工单</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>需处理</source>
        <translation>需处理</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>受理人</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>在办</source>
        <translation>在办</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>在办工单：按单位和状态</source>
        <translation>在办工单：按单位和状态</translation>
    </message>
    <message>
        <source>工单到期情况</source>
        <translation>工单到期情况</translation>
    </message>
    <message>
        <source>即将到期（2个工作日内）</source>
        <translation>即将到期（2个工作日内）</translation>
    </message>
    <message>
        <source>改派…</source>
        <translation>改派…</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>指标对比报告（受理日期区间）</source>
        <translation>指标对比报告（受理日期区间）</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>导出 CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>从</source>
        <translation>从</translation>
    </message>
    <message>
        <source>至</source>
        <translation>至</translation>
    </message>
    <message>
        <source>{0}（已停用）</source>
        <translation>{0}（已停用）</translation>
    </message>
    <message>
        <source>注意：{0} 张工单已超过承诺办结日期，请尽快督办或改派。</source>
        <translation>注意：{0} 张工单已超过承诺办结日期，请尽快督办或改派。</translation>
    </message>
    <message>
        <source>最早一张 {0}（{1}），受理人 {2}。</source>
        <translation>最早一张 {0}（{1}），受理人 {2}。</translation>
    </message>
    <message>
        <source>已改派 {0} 张工单给 {1}</source>
        <translation>已改派 {0} 张工单给 {1}</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>保存指标对比报告</source>
        <translation>保存指标对比报告</translation>
    </message>
    <message>
        <source>报告已保存：{0}</source>
        <translation>报告已保存：{0}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>工作站已锁定</source>
        <translation>工作站已锁定</translation>
    </message>
    <message>
        <source>{0}（{1}）长时间未操作，工作站已自动锁定。请输入密码继续。</source>
        <translation>{0}（{1}）长时间未操作，工作站已自动锁定。请输入密码继续。</translation>
    </message>
    <message>
        <source>{0}（{1}）锁定了工作站。请输入密码继续。</source>
        <translation>{0}（{1}）锁定了工作站。请输入密码继续。</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>注销/换人</source>
        <translation>注销/换人</translation>
    </message>
    <message>
        <source>已受理的内容都已保存；回到登录窗口，由其他人登录</source>
        <translation>已受理的内容都已保存；回到登录窗口，由其他人登录</translation>
    </message>
    <message>
        <source>{0}（{1}）的密码不正确，请重新输入。</source>
        <translation>{0}（{1}）的密码不正确，请重新输入。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>✕ 数据库连接中断，正在重连…</source>
        <translation>✕ 数据库连接中断，正在重连…</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>版本、数据和配置的位置、许可证（F1）</source>
        <translation>版本、数据和配置的位置、许可证（F1）</translation>
    </message>
    <message>
        <source>一窗通办 — {0}</source>
        <translation>一窗通办 — {0}</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>新受理</source>
        <translation>新受理</translation>
    </message>
    <message>
        <source>锁定工作站</source>
        <translation>锁定工作站</translation>
    </message>
    <message>
        <source>注销/换人</source>
        <translation>注销/换人</translation>
    </message>
    <message>
        <source>切换页面</source>
        <translation>切换页面</translation>
    </message>
    <message>
        <source>新受理 Ctrl+N</source>
        <translation>新受理 Ctrl+N</translation>
    </message>
    <message>
        <source>锁定 Ctrl+L</source>
        <translation>锁定 Ctrl+L</translation>
    </message>
    <message>
        <source>离开工作台时锁定；输入密码继续</source>
        <translation>离开工作台时锁定；输入密码继续</translation>
    </message>
    <message>
        <source>回到登录窗口，由其他人登录（Ctrl+Shift+L）；已受理的内容都已保存</source>
        <translation>回到登录窗口，由其他人登录（Ctrl+Shift+L）；已受理的内容都已保存</translation>
    </message>
</context>
<context>
    <name>MaterialDialog</name>
    <message>
        <source>补交材料</source>
        <translation>补交材料</translation>
    </message>
    <message>
        <source>勾选申请人今天带来的材料：</source>
        <translation>勾选申请人今天带来的材料：</translation>
    </message>
    <message>
        <source>登记补交</source>
        <translation>登记补交</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>MaterialsChecklist</name>
    <message>
        <source>勾选供水、供电或供气后，这里列出需要的材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不需要</source>
        <translation type="unfinished">不需要</translation>
    </message>
    <message>
        <source>未收（不能容缺）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不需要的原因（一句话）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺（可后补）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺（{0}前补交）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>知道了 ×</source>
        <translation>知道了 ×</translation>
    </message>
    <message>
        <source>关闭这条提示（Esc）</source>
        <translation>关闭这条提示（Esc）</translation>
    </message>
    <message>
        <source>未完成：{0}</source>
        <translation>未完成：{0}</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>新增用户</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>请填写用户名（不含空格）</source>
        <translation>请填写用户名（不含空格）</translation>
    </message>
</context>
<context>
    <name>PaperCopies</name>
    <message>
        <source>受理回执</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>一次性告知书</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <source>报装申请表</source>
        <translation>报装申请表</translation>
    </message>
    <message>
        <source>80毫米卷纸</source>
        <translation>80毫米卷纸</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>和</source>
        <translation>和</translation>
    </message>
    <message>
        <source>打印{0}</source>
        <translation>打印{0}</translation>
    </message>
    <message>
        <source>{0}没有打印：{1}</source>
        <translation>{0}没有打印：{1}</translation>
    </message>
    <message>
        <source>{0}已送打印机（{1} 页）</source>
        <translation>{0}已送打印机（{1} 页）</translation>
    </message>
    <message>
        <source>{0}已保存到 {1}</source>
        <translation>{0}已保存到 {1}</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <source>密码至少 {0} 位</source>
        <translation>密码至少 {0} 位</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Page &amp;order:</source>
        <translation>页面顺序(&amp;O)：</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>每张页数(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面集(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>改派工单</source>
        <translation>改派工单</translation>
    </message>
    <message>
        <source>将选中的 {0} 张工单改派给：</source>
        <translation>将选中的 {0} 张工单改派给：</translation>
    </message>
    <message>
        <source>受理人</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>必填，例如：张伟下午请假，由李娜跟进</source>
        <translation>必填，例如：张伟下午请假，由李娜跟进</translation>
    </message>
    <message>
        <source>改派原因</source>
        <translation>改派原因</translation>
    </message>
    <message>
        <source>请填写改派原因</source>
        <translation>请填写改派原因</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>没有改派：{0}</source>
        <translation>没有改派：{0}</translation>
    </message>
    <message>
        <source>正在改派…</source>
        <translation>正在改派…</translation>
    </message>
    <message>
        <source>改派原因最多 {0} 字</source>
        <translation>改派原因最多 {0} 字</translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <source>更正后重新发送</source>
        <translation>更正后重新发送</translation>
    </message>
    <message>
        <source>单位退回了这张工单。按单位的意见更正下列内容，再重新发送：</source>
        <translation>单位退回了这张工单。按单位的意见更正下列内容，再重新发送：</translation>
    </message>
    <message>
        <source>重新发送</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>重置 {0} 的密码</source>
        <translation>重置 {0} 的密码</translation>
    </message>
    <message>
        <source>用户下次登录时须修改密码。</source>
        <translation>用户下次登录时须修改密码。</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <source>规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>填有许可证号（建设项目）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>代办人办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需要的单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>限于业务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>限于申请人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>条件（均须满足）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源，如：营业厅惯例，待供水单位确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源</source>
        <translation type="unfinished">来源</translation>
    </message>
    <message>
        <source>业务、申请人都不勾选表示不限；条件都勾选时须同时满足</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <source>另存为 PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>已退出登录：{0}</source>
        <translation>已退出登录：{0}</translation>
    </message>
    <message>
        <source>一窗通办 — 登录</source>
        <translation>一窗通办 — 登录</translation>
    </message>
    <message>
        <source>一窗通办 · 水电气联合报装</source>
        <translation>一窗通办 · 水电气联合报装</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>修改密码并登录</source>
        <translation>修改密码并登录</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>培训账户：trainee 受理员、lead 班组长、admin 管理员，密码均为 training</source>
        <translation>培训账户：trainee 受理员、lead 班组长、admin 管理员，密码均为 training</translation>
    </message>
    <message>
        <source>还没有任何用户。请管理员先在命令行创建：onewindow user add 用户名 --role admin</source>
        <translation>还没有任何用户。请管理员先在命令行创建：onewindow user add 用户名 --role admin</translation>
    </message>
    <message>
        <source>无法启动：{0}</source>
        <translation>无法启动：{0}</translation>
    </message>
    <message>
        <source>管理员重置了您的密码。请设置新密码（至少 8 位）后继续。</source>
        <translation>管理员重置了您的密码。请设置新密码（至少 8 位）后继续。</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致，请重新输入。</source>
        <translation>两次输入的新密码不一致，请重新输入。</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>TicketDetail</name>
    <message>
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>许可证号</source>
        <translation>许可证号</translation>
    </message>
    <message>
        <source>取得土地日期</source>
        <translation>取得土地日期</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>户号</translation>
    </message>
</context>
<context>
    <name>TicketDetailPane</name>
    <message>
        <source>在左侧列表中选择一张工单，这里显示它的进度、时限、材料和可办的操作。</source>
        <translation>在左侧列表中选择一张工单，这里显示它的进度、时限、材料和可办的操作。</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>单位工单号</source>
        <translation>单位工单号</translation>
    </message>
    <message>
        <source>待分配</source>
        <translation>待分配</translation>
    </message>
    <message>
        <source>联系人 {0}</source>
        <translation>联系人 {0}</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>{0}，{1}</source>
        <translation>{0}，{1}</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>未分派</source>
        <translation>未分派</translation>
    </message>
    <message>
        <source>此业务没有设定办理时限</source>
        <translation>此业务没有设定办理时限</translation>
    </message>
    <message>
        <source>承诺办结 {0} 暂定</source>
        <translation>承诺办结 {0} 暂定</translation>
    </message>
    <message>
        <source>承诺办结 {0}</source>
        <translation>承诺办结 {0}</translation>
    </message>
    <message>
        <source>时限 {0} 个工作日</source>
        <translation>时限 {0} 个工作日</translation>
    </message>
    <message>
        <source>已结束计时</source>
        <translation>已结束计时</translation>
    </message>
    <message>
        <source>计时暂停中（等待申请人、审批或施工）</source>
        <translation>计时暂停中（等待申请人、审批或施工）</translation>
    </message>
    <message>
        <source>已超期 {0} 个工作日</source>
        <translation>已超期 {0} 个工作日</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>剩 {0} 个工作日</source>
        <translation>剩 {0} 个工作日</translation>
    </message>
    <message>
        <source>已暂停 {0} 个工作日（不计入时限）</source>
        <translation>已暂停 {0} 个工作日（不计入时限）</translation>
    </message>
    <message>
        <source>个工作日</source>
        <translation>个工作日</translation>
    </message>
    <message>
        <source>天</source>
        <translation>天</translation>
    </message>
    <message>
        <source>{0}：{1}{2}，{3}前完成</source>
        <translation>{0}：{1}{2}，{3}前完成</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>暂定：办结日所在年份的放假安排尚未公布，日期按法定假日推算。</source>
        <translation>暂定：办结日所在年份的放假安排尚未公布，日期按法定假日推算。</translation>
    </message>
    <message>
        <source>单位退回意见（需处理）</source>
        <translation>单位退回意见（需处理）</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>☑ {0}（{1}补交）</source>
        <translation>☑ {0}（{1}补交）</translation>
    </message>
    <message>
        <source>☑ {0}</source>
        <translation>☑ {0}</translation>
    </message>
    <message>
        <source>— {0}：不需要（{1}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>☐ {0}</source>
        <translation>☐ {0}</translation>
    </message>
    <message>
        <source>☐ {0} — 已过补交期限 {1}</source>
        <translation>☐ {0} — 已过补交期限 {1}</translation>
    </message>
    <message>
        <source>☐ {0} — {1}前补交</source>
        <translation>☐ {0} — {1}前补交</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>代办许可</source>
        <translation>代办许可</translation>
    </message>
    <message>
        <source>{0} — {1}（{2}）</source>
        <translation>{0} — {1}（{2}）</translation>
    </message>
    <message>
        <source>补交材料</source>
        <translation>补交材料</translation>
    </message>
    <message>
        <source>更正后重新发送</source>
        <translation>更正后重新发送</translation>
    </message>
    <message>
        <source>补打回执</source>
        <translation>补打回执</translation>
    </message>
    <message>
        <source>撤销工单…</source>
        <translation>撤销工单…</translation>
    </message>
    <message>
        <source>打印补交材料回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已登记补交材料，将通知单位（回执未打印）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已登记补交材料，回执没有打印：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已登记补交材料，将通知单位；补交材料回执已送打印机，共 {0} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已知悉，不再提示</source>
        <translation>已知悉，不再提示</translation>
    </message>
    <message>
        <source>已提交撤销申请，等待单位确认（撤销中）</source>
        <translation>已提交撤销申请，等待单位确认（撤销中）</translation>
    </message>
    <message>
        <source>已知悉，该工单不再显示为需处理</source>
        <translation>已知悉，该工单不再显示为需处理</translation>
    </message>
    <message>
        <source>工单已撤销</source>
        <translation>工单已撤销</translation>
    </message>
    <message>
        <source>已更正，工单重新排队发送</source>
        <translation>已更正，工单重新排队发送</translation>
    </message>
    <message>
        <source>补打告知书</source>
        <translation>补打告知书</translation>
    </message>
</context>
<context>
    <name>TicketListPage</name>
    <message>
        <source>搜索：受理编号、姓名、电话或单位工单号</source>
        <translation>搜索：受理编号、姓名、电话或单位工单号</translation>
    </message>
    <message>
        <source>我的</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>需处理</source>
        <translation>需处理</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>重新查询列表（F5）</source>
        <translation>重新查询列表（F5）</translation>
    </message>
    <message>
        <source>状态（{0}）</source>
        <translation>状态（{0}）</translation>
    </message>
    <message>
        <source>共 {0} 张</source>
        <translation>共 {0} 张</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>正在查询…</translation>
    </message>
</context>
<context>
    <name>TicketScreens</name>
    <message>
        <source>工单</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>待办</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>待办 {0}</source>
        <translation>待办 {0}</translation>
    </message>
</context>
<context>
    <name>TicketTableModel</name>
    <message>
        <source>受理编号</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>单位工单号</source>
        <translation>单位工单号</translation>
    </message>
    <message>
        <source>承诺办结</source>
        <translation>承诺办结</translation>
    </message>
    <message>
        <source>剩余</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>待分配</source>
        <translation>待分配</translation>
    </message>
    <message>
        <source>暂定</source>
        <translation>暂定</translation>
    </message>
    <message>
        <source>未分派</source>
        <translation>未分派</translation>
    </message>
    <message>
        <source>计时暂停</source>
        <translation>计时暂停</translation>
    </message>
    <message>
        <source>已超期 {0} 个工作日</source>
        <translation>已超期 {0} 个工作日</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>剩 {0} 个工作日</source>
        <translation>剩 {0} 个工作日</translation>
    </message>
    <message>
        <source>办结日所在年份的放假安排尚未公布，日期按法定假日推算，为暂定</source>
        <translation>办结日所在年份的放假安排尚未公布，日期按法定假日推算，为暂定</translation>
    </message>
    <message>
        <source>等待申请人、审批或施工期间不计入办理时限</source>
        <translation>等待申请人、审批或施工期间不计入办理时限</translation>
    </message>
    <message>
        <source>单位尚未返回工单号</source>
        <translation>单位尚未返回工单号</translation>
    </message>
</context>
<context>
    <name>TodoPage</name>
    <message>
        <source>我的待办：今日到期、已超期和需处理的工单，共 {0} 张，最早受理的在前</source>
        <translation>我的待办：今日到期、已超期和需处理的工单，共 {0} 张，最早受理的在前</translation>
    </message>
    <message>
        <source>我的待办：没有今日到期、已超期或需处理的工单</source>
        <translation>我的待办：没有今日到期、已超期或需处理的工单</translation>
    </message>
</context>
<context>
    <name>UtilityCard</name>
    <message>
        <source>业务</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>原户号</source>
        <translation>原户号</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>请选择</translation>
    </message>
    <message>
        <source>用水性质</source>
        <translation>用水性质</translation>
    </message>
    <message>
        <source>口径 DN</source>
        <translation>口径 DN</translation>
    </message>
    <message>
        <source>日用水量 m³</source>
        <translation>日用水量 m³</translation>
    </message>
    <message>
        <source>用电类别</source>
        <translation>用电类别</translation>
    </message>
    <message>
        <source>报装容量 kW</source>
        <translation>报装容量 kW</translation>
    </message>
    <message>
        <source>电压等级</source>
        <translation>电压等级</translation>
    </message>
    <message>
        <source>用气性质</source>
        <translation>用气性质</translation>
    </message>
    <message>
        <source>月用气量 m³</source>
        <translation>月用气量 m³</translation>
    </message>
    <message>
        <source>需新建外线（建筑区划红线外）</source>
        <translation>需新建外线（建筑区划红线外）</translation>
    </message>
    <message>
        <source>外线长度 m</source>
        <translation>外线长度 m</translation>
    </message>
    <message>
        <source>代办许可</source>
        <translation>代办许可</translation>
    </message>
    <message>
        <source>由供气单位代为办理的行政许可</source>
        <translation>由供气单位代为办理的行政许可</translation>
    </message>
</context>
<context>
    <name>UtilityIndicator</name>
    <message>
        <source>正常</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>重试中</source>
        <translation>重试中</translation>
    </message>
    <message>
        <source>凭据被拒</source>
        <translation>凭据被拒</translation>
    </message>
    <message>
        <source>未配置</source>
        <translation>未配置</translation>
    </message>
    <message>
        <source>{0}：工单正常发送</source>
        <translation>{0}：工单正常发送</translation>
    </message>
    <message>
        <source>{0}：暂时连不上，正在自动重试，工单不会丢失</source>
        <translation>{0}：暂时连不上，正在自动重试，工单不会丢失</translation>
    </message>
    <message>
        <source>{0}：接口凭据被拒绝，已停止向该单位发送；请管理员检查接口设置</source>
        <translation>{0}：接口凭据被拒绝，已停止向该单位发送；请管理员检查接口设置</translation>
    </message>
    <message>
        <source>{0}：未配置接口，工单留在本机待发送</source>
        <translation>{0}：未配置接口，工单留在本机待发送</translation>
    </message>
    <message>
        <source>待发送请求 {0} 个</source>
        <translation>待发送请求 {0} 个</translation>
    </message>
    <message>
        <source>需处理 {0} 张，发送延迟 {1} 张</source>
        <translation>需处理 {0} 张，发送延迟 {1} 张</translation>
    </message>
    <message>
        <source>最近一次成功：{0} {1}</source>
        <translation>最近一次成功：{0} {1}</translation>
    </message>
    <message>
        <source>最近的错误：{0}</source>
        <translation>最近的错误：{0}</translation>
    </message>
    <message>
        <source>点击查看该单位待发送的工单</source>
        <translation>点击查看该单位待发送的工单</translation>
    </message>
</context>
<context>
    <name>VisitResult</name>
    <message>
        <source>受理成功 · 受理编号</source>
        <translation>受理成功 · 受理编号</translation>
    </message>
    <message>
        <source>A4 纸</source>
        <translation>A4 纸</translation>
    </message>
    <message>
        <source>80 毫米热敏卷纸</source>
        <translation>80 毫米热敏卷纸</translation>
    </message>
    <message>
        <source>打印 Ctrl+P</source>
        <translation>打印 Ctrl+P</translation>
    </message>
    <message>
        <source>打印一次性告知书</source>
        <translation>打印一次性告知书</translation>
    </message>
    <message>
        <source>另存为 PDF Ctrl+S</source>
        <translation>另存为 PDF Ctrl+S</translation>
    </message>
    <message>
        <source>下一位：按 Ctrl+N 开始新受理</source>
        <translation>下一位：按 Ctrl+N 开始新受理</translation>
    </message>
    <message>
        <source>请申请人评价本次服务（好差评）</source>
        <translation>请申请人评价本次服务（好差评）</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>意见或建议（可选）</source>
        <translation>意见或建议（可选）</translation>
    </message>
    <message>
        <source>记录评价</source>
        <translation>记录评价</translation>
    </message>
    <message>
        <source>受理时间 {0} {1}</source>
        <translation>受理时间 {0} {1}</translation>
    </message>
    <message>
        <source>容缺补交（{0}前）：{1}</source>
        <translation>容缺补交（{0}前）：{1}</translation>
    </message>
    <message>
        <source>容缺补交：{0}</source>
        <translation>容缺补交：{0}</translation>
    </message>
    <message>
        <source>材料已齐全</source>
        <translation>材料已齐全</translation>
    </message>
    <message>
        <source>正在生成回执…</source>
        <translation>正在生成回执…</translation>
    </message>
    <message>
        <source>办结时间以供应单位答复为准</source>
        <translation>办结时间以供应单位答复为准</translation>
    </message>
    <message>
        <source>承诺 {0} 前办结</source>
        <translation>承诺 {0} 前办结</translation>
    </message>
    <message>
        <source>（暂定：当年节假日安排尚未公布）</source>
        <translation>（暂定：当年节假日安排尚未公布）</translation>
    </message>
    <message>
        <source>回执生成失败：{0}</source>
        <translation>回执生成失败：{0}</translation>
    </message>
    <message>
        <source>一次性告知书</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <source>已记录评价：{0} 分</source>
        <translation>已记录评价：{0} 分</translation>
    </message>
    <message>
        <source>受理回执</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>打印申请表</source>
        <translation>打印申请表</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>一窗通办已在运行，已切换到它的窗口。</source>
        <translation>一窗通办已在运行，已切换到它的窗口。</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>Counter {0}</source>
        <translation>{0}号窗口</translation>
    </message>
</context>
<context>
    <name>look</name>
    <message>
        <source>培训模式 — 数据不会发送到真实单位</source>
        <translation>培训模式 — 数据不会发送到真实单位</translation>
    </message>
</context>
<context>
    <name>sign_in</name>
    <message>
        <source>密码连续错误 5 次，账户已锁定，请于 {0} 后再登录，或请管理员解锁。</source>
        <translation>密码连续错误 5 次，账户已锁定，请于 {0} 后再登录，或请管理员解锁。</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>出现意外错误，操作没有完成。详细信息已记入日志 {0}，请联系管理员。</source>
        <translation>出现意外错误，操作没有完成。详细信息已记入日志 {0}，请联系管理员。</translation>
    </message>
</context>
</TS>
