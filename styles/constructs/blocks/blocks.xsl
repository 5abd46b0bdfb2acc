<?xml version="1.0" encoding="UTF-8"?>
<!-- Paragraphs and other blocks: p/ab, heads of lists and figures, lists, tables, figures and graphics. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    xmlns:e="urn:editio"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl e">

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
    <!-- paragraphs run together as spans keep a word space between them -->
    <xsl:if test="$el = 'span' and (preceding-sibling::*[1])[self::tei:p or self::tei:ab]"><xsl:text> </xsl:text></xsl:if>
    <xsl:element name="{$el}">
      <xsl:if test="$el != 'p' or self::tei:ab">
        <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <!-- the paragraph's number, its citable label ("¶ 12"): web permalinks, register locators -->
      <xsl:if test="$el != 'span' and @e:para">
        <xsl:attribute name="data-para"><xsl:call-template name="para-number"/></xsl:attribute>
      </xsl:if>
      <!-- a verse of scripture (ab or p type="verse" n="16", as Bible editions encode
           them) starts with its number, raised, as Bibles print it -->
      <xsl:if test="translate(@type, 'VERS', 'vers') = 'verse' and normalize-space(@n) != ''">
        <sup class="verse-number"><xsl:value-of select="normalize-space(@n)"/></sup><xsl:text>&#x2009;</xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Heads of lists, verse groups, figures and other non-division containers. -->
  <xsl:template match="tei:head">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:choose>
      <!-- the heading of the front, body or back matter itself (TEI Lite's back headed
           "Appendixes"): a heading over its divisions, which stand under it -->
      <xsl:when test="(parent::tei:front or parent::tei:body or parent::tei:back) and normalize-space(.) != ''">
        <xsl:variable name="level"><xsl:call-template name="heading-level"><xsl:with-param name="node" select=".."/></xsl:call-template></xsl:variable>
        <xsl:variable name="content"><xsl:apply-templates/></xsl:variable>
        <xsl:call-template name="heading">
          <xsl:with-param name="level" select="number($level)"/>
          <xsl:with-param name="content" select="$content"/>
          <xsl:with-param name="node" select="."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$flow = 'y' or parent::tei:list or parent::tei:figure or parent::tei:listPerson or parent::tei:listPlace or parent::tei:listOrg">
        <p class="head"><xsl:call-template name="atts"/><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:otherwise>
        <span class="head"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ lists ============ -->
  <xsl:template match="tei:list">
    <xsl:variable name="type" select="translate(normalize-space(concat(@type, ' ', @rend)), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <!-- numbered: "ordered", "numbered", a numbering style; never "unordered" -->
    <xsl:variable name="ordered" select="(contains($type, 'ordered') and not(contains($type, 'unordered'))) or contains($type, 'numbered')
        or contains($type, 'decimal') or contains($type, 'roman') or contains($type, 'alpha')"/>
    <xsl:variable name="gloss" select="contains($type, 'gloss') or ((tei:label or tei:headLabel) and not($ordered))"/>
    <xsl:variable name="list">
      <xsl:choose>
        <xsl:when test="$gloss">
          <dl>
            <xsl:attribute name="class">list list-gloss</xsl:attribute>
            <!-- the headings of its two columns (headLabel, headItem) come first -->
            <xsl:if test="tei:headLabel or tei:headItem">
              <dt class="list-head">
                <xsl:for-each select="tei:headLabel"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></xsl:for-each>
              </dt>
              <dd class="list-head">
                <xsl:for-each select="tei:headItem"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></xsl:for-each>
              </dd>
            </xsl:if>
            <xsl:for-each select="tei:item">
              <dt>
                <xsl:for-each select="(preceding-sibling::*[1])[self::tei:label]">
                  <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
                  <xsl:apply-templates/>
                </xsl:for-each>
              </dt>
              <dd><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></dd>
            </xsl:for-each>
            <xsl:for-each select="tei:label[not((following-sibling::*[1])[self::tei:item])]">
              <dt><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></dt>
              <dd/>
            </xsl:for-each>
          </dl>
        </xsl:when>
        <!-- items the source numbers itself (every item has @n: "a)", "iv", "§ 3"): those
             labels, as words of the text, not the reader's bullets or 1, 2, 3 -->
        <xsl:when test="tei:item[normalize-space(@n) != ''] and not(tei:item[normalize-space(@n) = ''])">
          <ul class="list list-labelled">
            <xsl:for-each select="tei:item">
              <li>
                <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
                <span class="item-n"><xsl:value-of select="normalize-space(@n)"/></span>
                <xsl:text> </xsl:text>
                <xsl:apply-templates/>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="ol" select="$ordered"/>
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
      <xsl:apply-templates select="*[not(self::tei:head or self::tei:item or self::tei:label
          or ($gloss and (self::tei:headLabel or self::tei:headItem)))]"/>
    </xsl:element>
  </xsl:template>

  <!-- ============ tables ============ -->
  <xsl:template match="tei:table">
    <table>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <!-- (an empty head, <head/>, makes no empty caption) -->
      <xsl:if test="tei:head[normalize-space(.) != '' or *]">
        <caption><xsl:for-each select="tei:head[normalize-space(.) != '' or *]"><xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if><xsl:apply-templates/></xsl:for-each></caption>
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
      <!-- the label rows that open the table are its head: repeated at the top of each
           page a long table runs over, and never left alone at the foot of one -->
      <xsl:variable name="head-rows" select="tei:row[@role = 'label'][not(preceding-sibling::tei:row[not(@role = 'label')])]"/>
      <xsl:variable name="has-head" select="boolean($head-rows and tei:row[not(@role = 'label')])"/>
      <xsl:if test="$has-head">
        <thead>
          <xsl:apply-templates select="$head-rows">
            <xsl:with-param name="width" select="number($width)"/>
          </xsl:apply-templates>
        </thead>
      </xsl:if>
      <tbody>
        <xsl:apply-templates select="tei:row[not($has-head) or count(. | $head-rows) != count($head-rows)]">
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
      <xsl:apply-templates select="tei:graphic[normalize-space(@url) != ''] | tei:figure | tei:media | tei:formula"/>
      <xsl:variable name="caption" select="*[not(self::tei:graphic or self::tei:figure or self::tei:media or self::tei:formula or self::tei:figDesc)] | text()[normalize-space(.) != '']"/>
      <!-- a figure the file only marks (a letter's sketch, figure n="A" facs="#zone", no
           image, no caption) is named where it stands, "[Illustration A]", with its
           description when it has one: it was an empty box, and the notes that point at
           "sketch A" pointed at nothing. The description of a picture the edition does not
           hold (a postcard's front) is its only trace: it stands after the caption, in
           the one caption a figure has. -->
      <xsl:variable name="marked" select="(not($caption) or tei:figDesc[normalize-space(.) != '']) and not(tei:graphic[normalize-space(@url) != ''] | tei:media | tei:formula | tei:figure)"/>
      <xsl:if test="$caption or $marked">
        <figcaption>
          <xsl:apply-templates select="$caption"/>
          <xsl:if test="$marked">
            <xsl:variable name="desc"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="tei:figDesc[1]/node()"/></xsl:call-template></xsl:variable>
            <xsl:if test="$caption"><xsl:text> </xsl:text></xsl:if>
            <span class="editorial">
              <xsl:text>[</xsl:text>
              <xsl:call-template name="label-here"><xsl:with-param name="k" select="'illustration'"/></xsl:call-template>
              <xsl:if test="normalize-space(@n) != ''"><xsl:value-of select="concat(' ', normalize-space(@n))"/></xsl:if>
              <xsl:if test="normalize-space($desc) != ''"><xsl:value-of select="concat(': ', normalize-space($desc))"/></xsl:if>
              <xsl:text>]</xsl:text>
            </span>
          </xsl:if>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <!-- (a graphic without an address shows nothing: its figure says what it is) -->
  <xsl:template match="tei:graphic[normalize-space(@url) = '']" priority="2"/>
  <xsl:template match="tei:graphic | tei:media">
    <xsl:variable name="desc"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="(tei:desc | ../tei:figDesc)[1]/node()"/></xsl:call-template></xsl:variable>
    <!-- (a figure's image without figDesc is reported by validation, E-FIG-1, at its line) -->
    <xsl:if test="$desc = '' and not(parent::tei:figure) and generate-id() = generate-id(key('graphic-by-url', @url)[not(tei:desc or ../tei:figDesc)][1])">
      <xsl:message>editio-warning[<xsl:call-template name="element-path"/>]: image <xsl:value-of select="@url"/> has no figDesc: it is given an empty alternative text</xsl:message>
    </xsl:if>
    <img src="{@url}" alt="{$desc}">
      <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="contains(@width, 'px') or number(@width) = number(@width)"><xsl:attribute name="width"><xsl:value-of select="number(translate(@width, 'px', ''))"/></xsl:attribute></xsl:if>
      <xsl:if test="contains(@height, 'px') or number(@height) = number(@height)"><xsl:attribute name="height"><xsl:value-of select="number(translate(@height, 'px', ''))"/></xsl:attribute></xsl:if>
    </img>
  </xsl:template>
  <xsl:template match="tei:figDesc"/>

</xsl:stylesheet>
