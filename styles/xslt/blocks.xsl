<?xml version="1.0" encoding="UTF-8"?>
<!-- Paragraph-level and phrase-level building blocks: p/ab, verse, lists, tables, figures,
     page and line breaks, milestones, highlighting, foreign words, links. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- A paragraph is a p, a div.p when it holds blocks (HTML forbids them in p), and a
       span.p where its parent only takes phrasing content (inline note, inline quote). -->
  <xsl:template match="tei:p | tei:ab">
    <xsl:variable name="parent-flow">
      <xsl:choose>
        <xsl:when test="parent::tei:div or parent::tei:body or parent::tei:sp or parent::tei:div1 or parent::tei:div2 or parent::tei:div3">y</xsl:when>
        <xsl:otherwise><xsl:apply-templates select=".." mode="is-flow"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="blocks"><xsl:if test="$parent-flow = 'y' and *"><xsl:call-template name="has-blocks"/></xsl:if></xsl:variable>
    <xsl:variable name="el">
      <xsl:choose>
        <xsl:when test="$parent-flow != 'y'">span</xsl:when>
        <xsl:when test="$blocks = 'y'">div</xsl:when>
        <xsl:otherwise>p</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:if test="$el != 'p' or self::tei:ab">
        <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Heads of lists, verse groups, figures and other non-division containers. -->
  <xsl:template match="tei:head">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow = 'y' or parent::tei:list or parent::tei:figure or parent::tei:listPerson or parent::tei:listPlace or parent::tei:listOrg">
        <p class="head"><xsl:call-template name="atts"/><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:otherwise>
        <span class="head"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ verse ============ -->
  <xsl:template match="tei:lg">
    <div class="lg">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A line; numbered lines carry span.lineno (class 'shown' on every fifth number). -->
  <xsl:template match="tei:l">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:element name="{substring('spandiv', 1 + 4 * ($flow = 'y'), 4 - ($flow = 'y'))}">
      <xsl:attribute name="class">l</xsl:attribute>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="boolean(@n)"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="@n">
        <xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute>
        <xsl:variable name="last" select="str:tokenize(@n, '.:, ')[last()]"/>
        <span aria-hidden="true">
          <xsl:attribute name="class">
            <xsl:text>lineno</xsl:text>
            <xsl:if test="number($last) = number($last) and number($last) mod 5 = 0"> shown</xsl:if>
          </xsl:attribute>
          <xsl:value-of select="@n"/>
        </span>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ============ lists ============ -->
  <xsl:template match="tei:list">
    <xsl:variable name="type" select="translate(normalize-space(concat(@type, ' ', @rend)), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:variable name="list">
      <xsl:choose>
        <xsl:when test="contains($type, 'gloss') or (tei:label and not(contains($type, 'ordered') or contains($type, 'numbered')))">
          <dl>
            <xsl:attribute name="class">list list-gloss</xsl:attribute>
            <xsl:for-each select="tei:item">
              <dt>
                <xsl:for-each select="preceding-sibling::*[1][self::tei:label]">
                  <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
                  <xsl:apply-templates/>
                </xsl:for-each>
              </dt>
              <dd><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></dd>
            </xsl:for-each>
            <xsl:for-each select="tei:label[not(following-sibling::*[1][self::tei:item])]">
              <dt><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></dt>
              <dd/>
            </xsl:for-each>
          </dl>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="ol" select="contains($type, 'ordered') or contains($type, 'numbered') or contains($type, 'decimal') or contains($type, 'roman') or contains($type, 'alpha')"/>
          <xsl:element name="{substring('ulol', 1 + 2 * $ol, 2)}">
            <xsl:attribute name="class">
              <xsl:text>list</xsl:text>
              <xsl:if test="contains($type, 'simple') or contains($type, 'inline')"> list-simple</xsl:if>
              <xsl:if test="contains($type, 'bullet')"> list-bulleted</xsl:if>
            </xsl:attribute>
            <xsl:if test="$ol and contains($type, 'roman')"><xsl:attribute name="type">i</xsl:attribute></xsl:if>
            <xsl:if test="$ol and contains($type, 'alpha')"><xsl:attribute name="type">a</xsl:attribute></xsl:if>
            <xsl:for-each select="tei:item">
              <li><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></li>
            </xsl:for-each>
          </xsl:element>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:variable name="wrap" select="substring('spandiv', 1 + 4 * ($flow = 'y'), 4 - ($flow = 'y'))"/>
    <xsl:element name="{$wrap}">
      <xsl:attribute name="class">list-wrap</xsl:attribute>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates select="tei:head"/>
      <xsl:copy-of select="$list"/>
      <!-- anything else directly in the list (notes, breaks, trailing text) -->
      <xsl:apply-templates select="*[not(self::tei:head or self::tei:item or self::tei:label)]"/>
    </xsl:element>
  </xsl:template>

  <!-- ============ tables ============ -->
  <xsl:template match="tei:table">
    <table>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="tei:head">
        <caption><xsl:for-each select="tei:head"><xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if><xsl:apply-templates/></xsl:for-each></caption>
      </xsl:if>
      <!-- rows narrower than the widest (cells spanning rows from above included) are
           padded with an empty cell, as HTML table models require -->
      <xsl:variable name="widths-rtf">
        <xsl:for-each select="tei:row"><w><xsl:call-template name="row-width"/></w></xsl:for-each>
      </xsl:variable>
      <xsl:variable name="width">
        <xsl:for-each select="exsl:node-set($widths-rtf)/w">
          <xsl:sort select="." data-type="number" order="descending"/>
          <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
        </xsl:for-each>
      </xsl:variable>
      <tbody>
        <xsl:apply-templates select="tei:row">
          <xsl:with-param name="width" select="number($width)"/>
        </xsl:apply-templates>
      </tbody>
    </table>
    <xsl:apply-templates select="*[not(self::tei:head or self::tei:row)]"/>
  </xsl:template>
  <xsl:template match="tei:row">
    <xsl:param name="width" select="0"/>
    <tr>
      <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:apply-templates select="tei:cell"/>
      <xsl:variable name="mine"><xsl:call-template name="row-width"/></xsl:variable>
      <xsl:if test="$width &gt; $mine">
        <td colspan="{$width - $mine}"/>
      </xsl:if>
    </tr>
  </xsl:template>

  <!-- Columns a row occupies: its cells' spans plus cells of earlier rows spanning down into it. -->
  <xsl:template name="row-width">
    <xsl:variable name="p" select="count(preceding-sibling::tei:row) + 1"/>
    <xsl:variable name="all" select="tei:cell | preceding-sibling::tei:row/tei:cell[number(@rows) &gt; 1]
        [count(../preceding-sibling::tei:row) + number(@rows) &gt;= $p]"/>
    <xsl:value-of select="count($all[not(number(@cols) &gt; 1)]) + sum($all[number(@cols) &gt; 1]/@cols)"/>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:element name="{substring('tdth', 1 + 2 * (@role = 'label' or ../@role = 'label'), 2)}">
      <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="number(@cols) &gt; 1"><xsl:attribute name="colspan"><xsl:value-of select="number(@cols)"/></xsl:attribute></xsl:if>
      <xsl:if test="number(@rows) &gt; 1"><xsl:attribute name="rowspan"><xsl:value-of select="number(@rows)"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ============ figures ============ -->
  <xsl:template match="tei:figure">
    <figure>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:apply-templates select="tei:graphic | tei:figure | tei:media | tei:formula"/>
      <xsl:variable name="caption" select="*[not(self::tei:graphic or self::tei:figure or self::tei:media or self::tei:formula or self::tei:figDesc)] | text()[normalize-space(.) != '']"/>
      <xsl:if test="$caption">
        <figcaption><xsl:apply-templates select="$caption"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:graphic | tei:media">
    <xsl:variable name="desc"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="(tei:desc | ../tei:figDesc)[1]/node()"/></xsl:call-template></xsl:variable>
    <xsl:if test="$desc = '' and generate-id() = generate-id(key('graphic-by-url', @url)[not(tei:desc or ../tei:figDesc)][1])">
      <xsl:message>editio-warning: image <xsl:value-of select="@url"/> has no figDesc: it is given an empty alternative text</xsl:message>
    </xsl:if>
    <img src="{@url}" alt="{$desc}">
      <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="contains(@width, 'px') or number(@width) = number(@width)"><xsl:attribute name="width"><xsl:value-of select="number(translate(@width, 'px', ''))"/></xsl:attribute></xsl:if>
      <xsl:if test="contains(@height, 'px') or number(@height) = number(@height)"><xsl:attribute name="height"><xsl:value-of select="number(translate(@height, 'px', ''))"/></xsl:attribute></xsl:if>
    </img>
  </xsl:template>
  <xsl:template match="tei:figDesc"/>

  <!-- ============ breaks and milestones ============ -->
  <xsl:template match="tei:pb">
    <xsl:if test="not(parent::tei:list or parent::tei:table or parent::tei:row or parent::tei:listBibl or parent::tei:castList or parent::tei:castGroup)">
      <xsl:variable name="ord">
        <xsl:variable name="g" select="generate-id()"/>
        <xsl:for-each select="$ordinals"><xsl:value-of select="key('ordinal', $g)/@n"/></xsl:for-each>
      </xsl:variable>
      <xsl:variable name="n">
        <xsl:choose>
          <xsl:when test="normalize-space(@n) != ''"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$ord"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <!-- title, not aria-label: axe-core prohibits aria-label on an empty span with this role -->
      <span class="pb" role="doc-pagebreak" title="{$L[@k = 'page']} {$n}" data-n="{$n}">
        <xsl:attribute name="id">
          <xsl:choose>
            <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
            <xsl:otherwise>page-<xsl:value-of select="$ord"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:if test="@facs"><xsl:attribute name="data-facs"><xsl:value-of select="@facs"/></xsl:attribute></xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A line break is a br, except
       - inside a word (@break="no"): span.lb.nobreak,
         no break and no space (the white space around it in the TEI is dropped, below);
       - before any text of its block (TEI puts lb at the start of each line): span.lb,
         so that the block does not open with an empty line.
       Either span is empty and keeps the lb's id, so links to the line still work. -->
  <xsl:template match="tei:lb">
    <xsl:if test="not(parent::tei:list or parent::tei:table or parent::tei:row or parent::tei:listBibl or parent::tei:castList or parent::tei:castGroup)">
      <xsl:variable name="nobreak"><xsl:call-template name="lb-nobreak"/></xsl:variable>
      <xsl:choose>
        <xsl:when test="$nobreak = 'y'">
          <span class="lb nobreak"><xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if></span>
        </xsl:when>
        <xsl:when test="(parent::tei:p or parent::tei:ab or parent::tei:l or parent::tei:head or parent::tei:item or parent::tei:cell
              or parent::tei:speaker or parent::tei:stage or parent::tei:note or parent::tei:quote or parent::tei:q or parent::tei:said
              or parent::tei:sp or parent::tei:lg or parent::tei:dateline or parent::tei:salute or parent::tei:signed or parent::tei:trailer
              or parent::tei:byline or parent::tei:label or parent::tei:titlePart or parent::tei:opener or parent::tei:closer
              or parent::tei:postscript or parent::tei:argument or parent::tei:epigraph or parent::tei:docImprint or parent::tei:address)
            and not(preceding-sibling::text()[normalize-space(.) != ''])
            and not(preceding-sibling::*[not(self::tei:lb or self::tei:pb or self::tei:cb or self::tei:milestone or self::tei:anchor or self::tei:gb)])">
          <span class="lb"><xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if></span>
        </xsl:when>
        <xsl:otherwise>
          <br><xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if></br>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- 'y' when this lb stands inside a word: @break="no", the TEI attribute that says so,
       or the markers projects use for a word hyphenated at the line end (type
       hyphenInWord/inWord, rend hidden). editio's fidelity count joins exactly these. -->
  <xsl:template name="lb-nobreak">
    <xsl:if test="@break = 'no' or @type = 'hyphenInWord' or @type = 'inWord'
        or contains(concat(' ', normalize-space(@rend), ' '), ' hidden ')">y</xsl:if>
  </xsl:template>

  <!-- Text that touches a line break inside a word loses the white space on that side;
       the text of a speaker label, role or role description loses its outer white space
       (it is the text of a link: "Hamlet", not "Hamlet "); white space between the
       parts of a cast list item is one space (none at its edges). -->
  <xsl:template match="text()[preceding-sibling::node()[1][self::tei:lb] or following-sibling::node()[1][self::tei:lb]
      or parent::tei:speaker or parent::tei:role or parent::tei:roleDesc or parent::tei:castItem]">
    <xsl:variable name="before"><xsl:for-each select="preceding-sibling::node()[1][self::tei:lb]"><xsl:call-template name="lb-nobreak"/></xsl:for-each></xsl:variable>
    <xsl:variable name="after"><xsl:for-each select="following-sibling::node()[1][self::tei:lb]"><xsl:call-template name="lb-nobreak"/></xsl:for-each></xsl:variable>
    <xsl:variable name="label" select="parent::tei:speaker or parent::tei:role or parent::tei:roleDesc"/>
    <xsl:choose>
      <xsl:when test="parent::tei:castItem and normalize-space(.) = ''">
        <!-- the role template writes ", " before a role description -->
        <xsl:if test="preceding-sibling::* and following-sibling::* and not(preceding-sibling::*[1][self::tei:role][following-sibling::tei:roleDesc])">
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="lead" select="$before = 'y' or ($label and not(preceding-sibling::node()))"/>
        <xsl:variable name="trail" select="$after = 'y' or ($label and not(following-sibling::node()))"/>
        <xsl:variable name="s">
          <xsl:choose>
            <xsl:when test="$lead and normalize-space(.) = ''"/>
            <xsl:when test="$lead"><xsl:value-of select="substring(., string-length(substring-before(., substring(normalize-space(.), 1, 1))) + 1)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$trail"><xsl:call-template name="trim-end"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="trim-end">
    <xsl:param name="s"/>
    <xsl:variable name="last" select="substring($s, string-length($s))"/>
    <xsl:choose>
      <xsl:when test="$last != '' and normalize-space($last) = ''">
        <xsl:call-template name="trim-end"><xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:gb">
    <xsl:if test="not(parent::tei:list or parent::tei:table or parent::tei:row or parent::tei:listBibl or parent::tei:castList or parent::tei:castGroup)">
      <span class="{local-name()}">
        <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
        <xsl:if test="@unit"><xsl:attribute name="data-unit"><xsl:value-of select="@unit"/></xsl:attribute></xsl:if>
        <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
        <xsl:if test="@rend"><xsl:attribute name="data-rend"><xsl:value-of select="@rend"/></xsl:attribute></xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:fw">
    <span class="fw"><xsl:call-template name="atts"/><xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ============ highlighting ============ -->
  <!-- @rend tokens, @rendition pointers (the rendition's CSS read for the usual
       properties) and @style are mapped onto HTML phrase elements, nested. -->
  <xsl:template match="tei:hi">
    <xsl:variable name="r">
      <xsl:text> </xsl:text>
      <xsl:value-of select="translate(normalize-space(@rend), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ()', 'abcdefghijklmnopqrstuvwxyz  ')"/>
      <xsl:text> </xsl:text>
      <xsl:for-each select="str:tokenize(normalize-space(@rendition), ' ')">
        <xsl:variable name="id" select="substring-after(., '#')"/>
        <xsl:value-of select="concat($id, ' ')"/>
      </xsl:for-each>
      <xsl:call-template name="css-tokens">
        <xsl:with-param name="css">
          <xsl:value-of select="@style"/>
          <xsl:text>;</xsl:text>
          <xsl:for-each select="str:tokenize(normalize-space(@rendition), ' ')">
            <xsl:for-each select="key('rendition', substring-after(., '#'))"><xsl:value-of select="concat(., ';')"/></xsl:for-each>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <!-- no rendition given: highlighted text is set in italics, as most printed sources do -->
      <xsl:when test="normalize-space($r) = ''">
        <i class="hi hi-default">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:apply-templates/>
        </i>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="hi-wrap">
          <xsl:with-param name="r" select="$r"/>
          <xsl:with-param name="step" select="1"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="css-tokens">
    <xsl:param name="css"/>
    <xsl:variable name="c" select="translate($css, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:if test="contains($c, 'font-style:italic') or contains($c, 'font-style:oblique')"> italic </xsl:if>
    <xsl:if test="contains($c, 'font-weight:bold') or contains($c, 'font-weight:700') or contains($c, 'font-weight:bolder')"> bold </xsl:if>
    <xsl:if test="contains($c, 'small-caps')"> smallcaps </xsl:if>
    <xsl:if test="contains($c, 'underline')"> underline </xsl:if>
    <xsl:if test="contains($c, 'line-through')"> strikethrough </xsl:if>
    <xsl:if test="contains($c, 'vertical-align:super')"> sup </xsl:if>
    <xsl:if test="contains($c, 'vertical-align:sub')"> sub </xsl:if>
    <xsl:if test="contains($c, 'uppercase')"> caps </xsl:if>
    <xsl:if test="contains($c, 'letter-spacing')"> spaced </xsl:if>
  </xsl:template>

  <xsl:template name="hi-wrap">
    <xsl:param name="r"/>
    <xsl:param name="step"/>
    <xsl:variable name="next" select="$step + 1"/>
    <xsl:choose>
      <xsl:when test="$step = 1 and (contains($r, ' italic ') or contains($r, ' i ') or contains($r, ' it ') or contains($r, ' italics ') or contains($r, ' italic, ') or contains($r, ' ital '))">
        <i class="hi"><xsl:call-template name="hi-atts"/><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></i>
      </xsl:when>
      <xsl:when test="$step = 2 and (contains($r, ' bold ') or contains($r, ' b ') or contains($r, ' bf '))">
        <b class="hi"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></b>
      </xsl:when>
      <xsl:when test="$step = 3 and (contains($r, ' sup ') or contains($r, ' superscript ') or contains($r, ' super ') or contains($r, ' sup'))">
        <sup><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></sup>
      </xsl:when>
      <xsl:when test="$step = 4 and (contains($r, ' sub ') or contains($r, ' subscript '))">
        <sub><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></sub>
      </xsl:when>
      <xsl:when test="$step = 5 and (contains($r, ' underline ') or contains($r, ' u ') or contains($r, ' ul ') or contains($r, ' underlined '))">
        <u><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></u>
      </xsl:when>
      <xsl:when test="$step = 6 and (contains($r, ' strikethrough ') or contains($r, ' strike ') or contains($r, ' line-through ') or contains($r, ' s ') or contains($r, ' overstrike '))">
        <s><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></s>
      </xsl:when>
      <xsl:when test="$step = 7 and (contains($r, ' smallcaps ') or contains($r, ' sc ') or contains($r, ' small-caps ') or contains($r, ' smcap ') or contains($r, ' smallcap '))">
        <span class="smallcaps"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></span>
      </xsl:when>
      <xsl:when test="$step = 8 and (contains($r, ' caps ') or contains($r, ' allcaps ') or contains($r, ' uppercase ') or contains($r, ' upper '))">
        <span class="caps"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></span>
      </xsl:when>
      <xsl:when test="$step = 9 and (contains($r, ' spaced ') or contains($r, ' letterspace ') or contains($r, ' gesperrt ') or contains($r, ' g '))">
        <span class="spaced"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></span>
      </xsl:when>
      <xsl:when test="$step = 10 and (contains($r, ' quoted ') or contains($r, ' quotes '))">
        <q class="quoted"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></q>
      </xsl:when>
      <xsl:when test="$step &lt; 11">
        <xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template>
      </xsl:when>
      <!-- the content itself; in a span when it has an id, a language or a rendition
           the elements above do not express (kept in data-rend for CSS) -->
      <xsl:when test="@xml:id or @xml:lang or str:tokenize(translate(@rend, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ()', 'abcdefghijklmnopqrstuvwxyz  '), ' ')
          [not(contains($known-rends, concat(' ', ., ' ')))]">
        <span class="hi-content">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:if test="normalize-space(@rend) != ''"><xsl:attribute name="data-rend"><xsl:value-of select="normalize-space(@rend)"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="hi-atts"/>
  <xsl:variable name="known-rends" select="' italic i it italics ital bold b bf sup superscript super sub subscript underline u ul underlined strikethrough strike line-through s overstrike smallcaps sc small-caps smcap smallcap caps allcaps uppercase upper spaced letterspace gesperrt g quoted quotes '"/>

  <xsl:template match="tei:emph">
    <em><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></em>
  </xsl:template>
  <xsl:template match="tei:foreign">
    <i class="foreign"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></i>
  </xsl:template>
  <xsl:template match="tei:distinct">
    <i class="distinct"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></i>
  </xsl:template>
  <xsl:template match="tei:code | tei:gi | tei:att | tei:val | tei:tag | tei:ident">
    <code class="{local-name()}"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></code>
  </xsl:template>

  <!-- ============ examples of markup ============ -->
  <!-- egXML holds an example of TEI markup. Its elements are not rendered as TEI: each
       is a span.eg-NAME (keeping its id), and the example's block-level elements are
       set apart by a space on each side, so that the end of one block is never glued to
       the start of the next. div.egXML where blocks are allowed, span.egXML elsewhere. -->
  <xsl:template match="eg:egXML">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:element name="{substring('spandiv', 1 + 4 * ($flow = 'y'), 4 - ($flow = 'y'))}">
      <xsl:attribute name="class">egXML</xsl:attribute>
      <xsl:attribute name="data-tei">egXML</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:apply-templates mode="example"/>
    </xsl:element>
  </xsl:template>
  <xsl:variable name="example-blocks" select="' TEI teiHeader text front body back group div div1 div2 div3 div4 div5 div6 div7
      head p ab l lg list item label table row cell figure sp speaker stage castList castItem listBibl bibl biblStruct
      note quote cit opener closer dateline salute signed trailer byline argument epigraph postscript titlePage
      titlePart docTitle docImprint listPerson person listPlace place fileDesc titleStmt publicationStmt sourceDesc '"/>
  <xsl:template match="*" mode="example">
    <xsl:variable name="block" select="contains(translate($example-blocks, '&#10;', ' '), concat(' ', local-name(), ' '))"/>
    <xsl:if test="$block"><xsl:text> </xsl:text></xsl:if>
    <span class="eg-{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:apply-templates mode="example"/>
    </span>
    <xsl:if test="$block"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="example"/>

  <!-- Known phrase-level elements without a special rendering. -->
  <xsl:template match="tei:seg | tei:num | tei:measure | tei:measureGrp | tei:unit | tei:ex | tei:am | tei:c | tei:w | tei:pc
      | tei:s | tei:phr | tei:cl | tei:m | tei:email | tei:addrLine | tei:street | tei:postCode | tei:postBox | tei:affiliation
      | tei:lang | tei:locus | tei:locusGrp | tei:desc | tei:label | tei:handShift | tei:space | tei:span | tei:interp | tei:orig | tei:reg
      | tei:occupation | tei:nationality | tei:education | tei:residence | tei:birth | tei:death | tei:floruit | tei:faith | tei:sex | tei:age | tei:state | tei:trait | tei:idno | tei:location | tei:geo | tei:objectName | tei:catchwords | tei:signatures | tei:secFol | tei:material | tei:dimensions | tei:height | tei:width | tei:depth | tei:repository | tei:collection | tei:msName | tei:institution | tei:origDate | tei:origPlace | tei:incipit | tei:explicit | tei:rubric | tei:finalRubric | tei:colophon | tei:textLang | tei:filiation | tei:watermark | tei:stamp | tei:metamark | tei:mod | tei:redo | tei:undo | tei:retrace | tei:listRef | tei:altIdentifier | tei:msIdentifier">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <span class="{local-name()}">
      <xsl:call-template name="atts"/>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Larger known containers without a special rendering (manuscript descriptions...). -->
  <xsl:template match="tei:address | tei:msDesc | tei:msContents | tei:msItem | tei:msItemStruct | tei:physDesc | tei:objectDesc
      | tei:supportDesc | tei:support | tei:extent | tei:foliation | tei:collation | tei:condition | tei:layoutDesc
      | tei:layout | tei:handDesc | tei:handNote | tei:decoDesc | tei:decoNote | tei:additions | tei:bindingDesc | tei:binding
      | tei:accMat | tei:history | tei:origin | tei:provenance | tei:acquisition | tei:additional | tei:adminInfo
      | tei:recordHist | tei:source | tei:custodialHist | tei:custEvent | tei:surrogates | tei:msPart | tei:msFrag
      | tei:sealDesc | tei:seal | tei:scriptDesc | tei:scriptNote | tei:typeDesc | tei:typeNote | tei:musicNotation
      | tei:availability | tei:licence | tei:event | tei:listEvent | tei:relation | tei:listRelation | tei:spGrp | tei:letter | tei:docEdition">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:element name="{substring('spandiv', 1 + 4 * ($flow = 'y'), 4 - ($flow = 'y'))}">
      <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:call-template name="atts"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A space when the text just before this element ends in a letter, digit or closing
       punctuation (text the hub adds here would otherwise be glued to it). -->
  <xsl:template name="space-before">
    <xsl:variable name="t" select="(preceding-sibling::node()[1]/descendant-or-self::text())[last()]"/>
    <xsl:variable name="c" select="substring($t, string-length($t))"/>
    <xsl:if test="$c != '' and normalize-space($c) != '' and not(contains('([{“‘«„‚‹/–—-&#x2060;', $c))">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ============ links ============ -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="first" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:variable name="href"><xsl:call-template name="href-of"><xsl:with-param name="p" select="$first"/></xsl:call-template></xsl:variable>
    <xsl:variable name="in-link"><xsl:call-template name="in-link"/></xsl:variable>
    <xsl:variable name="text">
      <xsl:choose>
        <xsl:when test="self::tei:ref and normalize-space(.) != ''"/>
        <xsl:when test="starts-with($first, '#') and key('id', substring($first, 2))">
          <xsl:for-each select="key('id', substring($first, 2))[1]">
            <xsl:choose>
              <xsl:when test="self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7"><xsl:call-template name="division-label"/></xsl:when>
              <xsl:when test="self::tei:bibl or self::tei:biblStruct"><xsl:call-template name="bibl-label"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:when>
              <xsl:when test="self::tei:note">note <xsl:call-template name="note-number"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <!-- a target that is no link: shown in brackets -->
        <xsl:otherwise><xsl:value-of select="concat('[', $first, ']')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <!-- a link text made here is a word of its own, never glued to the word before -->
    <xsl:if test="$text != ''"><xsl:call-template name="space-before"/></xsl:if>
    <xsl:choose>
      <xsl:when test="$href != '' and $in-link != 'y' and not(.//tei:note[not(@place = 'inline')] or .//tei:ref or .//tei:ptr or .//*[@ref] or .//tei:app)">
        <a href="{$href}" class="{local-name()}">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:apply-templates/>
          <xsl:value-of select="$text"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:if test="@target"><xsl:attribute name="data-target"><xsl:value-of select="normalize-space(@target)"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
          <xsl:value-of select="$text"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
